using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>
/// The admin view over three real redis-server nodes: held locks found by scanning the nodes (holder, token, expiry from
/// the values the acquisitions wrote), statistics added up from what every process publishes, nodes up or down.
/// </summary>
public sealed class RedlockAdminViewTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private LockNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await LockNodes.StartAsync(3);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    private Redlock Lock(string holder, RedlockOptions? options = null) =>
        new(_nodes.Nodes, (options ?? new RedlockOptions()) with { Holder = holder, NodeTimeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System);

    [Fact]
    public async Task A_held_lock_shows_its_token_holder_and_expiry_on_any_process_and_is_gone_once_released()
    {
        var silo = Lock("silo@10.0.0.5:11111/42#ab12", new RedlockOptions { Ttl = TimeSpan.FromSeconds(10) });
        var admin = Lock("api@gw/7#cd34");
        await using (var first = await silo.AcquireAsync("account:alice", Wait, CancellationToken.None)) Assert.NotNull(first);

        var before = DateTimeOffset.UtcNow;
        var held = await silo.AcquireAsync("account:alice", Wait, CancellationToken.None);
        Assert.NotNull(held);
        var seen = Assert.Single((await admin.InspectAsync(CancellationToken.None)).Held);

        Assert.Equal("account:alice", seen.Resource);
        Assert.Equal(held.FencingToken, seen.FencingToken);
        Assert.Equal(2, seen.FencingToken);
        Assert.Equal("silo@10.0.0.5:11111/42#ab12", seen.Holder);
        Assert.InRange(seen.AcquiredAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.InRange(seen.ExpiresAt!.Value, seen.AcquiredAt.AddSeconds(5), DateTimeOffset.UtcNow.AddSeconds(11));

        await held.DisposeAsync();
        Assert.Empty((await admin.InspectAsync(CancellationToken.None)).Held);
    }

    [Fact]
    public async Task A_lock_taken_on_a_minority_of_nodes_only_is_not_shown_as_held()
    {
        var admin = Lock("api@gw/7#cd34");
        // A leftover on one node (an acquisition that lost the race elsewhere) is not a held lock.
        await _nodes.Nodes[0].Database.StringSetAsync(LockKeys.Lock("wallet:bob"), LockValue.NewId("silo@x/1#0000", DateTimeOffset.UtcNow) + "|9",
            TimeSpan.FromSeconds(10));
        Assert.Empty((await admin.InspectAsync(CancellationToken.None)).Held);
    }

    [Fact]
    public async Task Statistics_add_up_what_every_process_published_with_its_own_counted_live()
    {
        var siloA = Lock("silo-a");
        var siloB = Lock("silo-b");
        var admin = Lock("api");
        await using (var a = await siloA.AcquireAsync("account:a", Wait, CancellationToken.None))
        {
            Assert.NotNull(a);
            // Contended and refused: siloB finds it held until its wait is spent.
            Assert.Null(await siloB.AcquireAsync("account:a", TimeSpan.FromMilliseconds(100), CancellationToken.None));
        }

        await using (var b = await siloB.AcquireAsync("account:b", Wait, CancellationToken.None)) Assert.NotNull(b);
        Assert.Equal(0, (await admin.InspectAsync(CancellationToken.None)).Statistics.Counts.Acquired);

        await siloA.PublishStatisticsAsync(CancellationToken.None);
        await siloB.PublishStatisticsAsync(CancellationToken.None);
        await admin.ForceReleaseAsync("account:nobody");
        var stats = (await admin.InspectAsync(CancellationToken.None)).Statistics;

        Assert.Equal(2, stats.Counts.Acquired);
        Assert.Equal(1, stats.Counts.Refused);
        Assert.True(stats.Counts.Contended >= 1, $"contended {stats.Counts.Contended}");
        Assert.Equal(1, stats.Counts.ForceReleased);
        Assert.Equal(2, stats.AcquireLatency.Count);
        Assert.NotNull(stats.AcquireLatency.PercentileMs(0.99));
    }

    [Fact]
    public async Task A_killed_node_is_shown_down_and_held_locks_are_still_listed_from_the_majority()
    {
        var silo = Lock("silo");
        await using var held = await silo.AcquireAsync("wallet:carol", Wait, CancellationToken.None);
        Assert.NotNull(held);
        _nodes.Servers[1].Kill();

        var overview = await silo.InspectAsync(CancellationToken.None);

        Assert.Equal([true, false, true], overview.Nodes.Select(n => n.Up));
        Assert.Equal(_nodes.Servers.Select(s => $"127.0.0.1:{s.Port}"), overview.Nodes.Select(n => n.Endpoint));
        Assert.Equal(held.FencingToken, Assert.Single(overview.Held).FencingToken);
    }

    [Fact]
    public async Task A_force_release_makes_the_self_extending_holder_lose_the_lock_and_the_next_token_larger()
    {
        var silo = Lock("silo", new RedlockOptions { Ttl = TimeSpan.FromSeconds(3) });
        var admin = Lock("api");
        await using var held = await silo.AcquireAsync("account:dave", Wait, CancellationToken.None);
        Assert.NotNull(held);

        Assert.Equal(3, await admin.ForceReleaseAsync("account:dave"));
        await Eventually.Until(() => Task.FromResult(held.Lost.IsCancellationRequested), TimeSpan.FromSeconds(10), "the holder to see its lock lost");
        await using var next = await admin.AcquireAsync("account:dave", Wait, CancellationToken.None);

        Assert.NotNull(next);
        Assert.True(next.FencingToken > held.FencingToken);
        Assert.Equal(1, silo.Stats.Lost);
    }
}
