using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>Redlock with fencing tokens on three real redis-server nodes: quorum, refusal, empty restarts, contention, loss.</summary>
public sealed class RedlockTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private LockNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await LockNodes.StartAsync(3);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    private Redlock Lock(RedlockOptions? options = null, TimeProvider? time = null) =>
        new(_nodes.Nodes, options ?? new RedlockOptions(), time ?? TimeProvider.System);

    [Fact]
    public async Task A_lock_is_held_by_one_holder_at_a_time_and_free_again_once_released()
    {
        var redlock = Lock();

        await using (var held = await redlock.AcquireAsync("account:alice", Wait, CancellationToken.None))
        {
            Assert.NotNull(held);
            Assert.Null(await redlock.TryAcquireOnceAsync("account:alice", CancellationToken.None));
            await using var bob = await redlock.TryAcquireOnceAsync("account:bob", CancellationToken.None);
            Assert.NotNull(bob);
        }

        await using var again = await redlock.TryAcquireOnceAsync("account:alice", CancellationToken.None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task One_node_of_three_down_still_grants_locks_and_two_down_refuse_them()
    {
        var redlock = Lock(new RedlockOptions { NodeTimeout = TimeSpan.FromMilliseconds(200) });
        _nodes.Servers[0].Kill();

        await using (var held = await redlock.AcquireAsync("account:alice", Wait, CancellationToken.None))
        {
            Assert.NotNull(held);
        }

        _nodes.Servers[1].Kill();
        Assert.Null(await redlock.AcquireAsync("account:alice", TimeSpan.FromMilliseconds(300), CancellationToken.None));
    }

    [Fact]
    public async Task Fencing_tokens_only_grow_also_when_a_node_comes_back_without_its_data()
    {
        var redlock = Lock(new RedlockOptions { NodeTimeout = TimeSpan.FromMilliseconds(200) });
        var tokens = new List<long>();
        async Task TakeAsync()
        {
            await using var held = await redlock.AcquireAsync("wallet:alice", Wait, CancellationToken.None);
            Assert.NotNull(held);
            tokens.Add(held.FencingToken);
        }

        await TakeAsync();
        await TakeAsync();
        // The case that breaks per-node counters: node 0 is down while tokens are handed out (they reach nodes 1 and
        // 2), node 0 comes back with its old counter and node 1 with nothing, and node 2 is away: nodes 0 and 1 form a
        // majority that holds no trace of the latest token. No token may be handed out then, rather than a smaller one.
        _nodes.Servers[0].Kill();
        await TakeAsync();
        await TakeAsync();
        await _nodes.Servers[0].RestartAsync();
        await _nodes.Servers[1].RestartEmptyAsync();
        _nodes.Servers[2].Kill();
        Assert.Null(await redlock.AcquireAsync("wallet:alice", TimeSpan.FromSeconds(2), CancellationToken.None));

        // Node 2 back: it holds the latest token, and node 1 is trusted again once a token has been written to it.
        await _nodes.Servers[2].RestartAsync();
        await TakeAsync();
        _nodes.Servers[0].Kill();
        await TakeAsync();

        Assert.Equal(6, tokens.Count);
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task Contending_holders_never_overlap_and_take_ever_larger_tokens()
    {
        var redlock = Lock(new RedlockOptions { RetryDelay = TimeSpan.FromMilliseconds(5) });
        var inside = 0;
        var overlaps = 0;
        var tokens = new List<long>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await using var held = await redlock.AcquireAsync("account:shared", TimeSpan.FromSeconds(30), CancellationToken.None);
                Assert.NotNull(held);
                if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                lock (tokens) tokens.Add(held.FencingToken);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
        })));

        Assert.Equal(0, overlaps);
        Assert.Equal(80, tokens.Count);
        // Appended while holding the lock, so in acquisition order.
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(80, tokens.Distinct().Count());
    }

    [Fact]
    public async Task A_holder_that_stops_extending_loses_the_lock_when_its_validity_runs_out()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var redlock = Lock(new RedlockOptions { AutoExtend = false, Ttl = TimeSpan.FromSeconds(10) }, time);
        await using var held = await redlock.TryAcquireOnceAsync("account:alice", CancellationToken.None);
        Assert.NotNull(held);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(held.Lost.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(held.Lost.IsCancellationRequested);
        Assert.False(held.IsHeld);
    }

    [Fact]
    public async Task Extending_keeps_the_lock_and_a_force_release_makes_the_next_extension_report_it_lost()
    {
        var redlock = Lock(new RedlockOptions { AutoExtend = false });
        await using var held = await redlock.TryAcquireOnceAsync("account:alice", CancellationToken.None);
        Assert.NotNull(held);

        Assert.True(await held.ExtendAsync());
        Assert.Equal(3, await redlock.ForceReleaseAsync("account:alice"));
        await using var next = await redlock.TryAcquireOnceAsync("account:alice", CancellationToken.None);

        Assert.NotNull(next);
        Assert.True(next.FencingToken > held.FencingToken);
        Assert.False(await held.ExtendAsync());
        Assert.True(held.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task Statistics_count_acquisitions_contention_refusals_extensions_losses_and_force_releases()
    {
        var redlock = Lock(new RedlockOptions { AutoExtend = false });
        await using var held = await redlock.TryAcquireOnceAsync("account:alice", CancellationToken.None);
        Assert.NotNull(held);

        Assert.Null(await redlock.AcquireAsync("account:alice", TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.True(await held.ExtendAsync());
        await redlock.ForceReleaseAsync("account:alice");
        Assert.False(await held.ExtendAsync());

        var stats = redlock.Metrics.Stats;
        Assert.Equal(1, stats.Acquired);
        Assert.Equal(1, stats.Refused);
        Assert.True(stats.Contended >= 1, $"contended {stats.Contended}");
        Assert.Equal(1, stats.Extended);
        Assert.Equal(1, stats.Lost);
        Assert.Equal(1, stats.ForceReleased);
    }

    [Fact]
    public async Task Nodes_that_lose_their_data_one_after_another_are_repaired_so_every_resource_stays_lockable()
    {
        var redlock = Lock(new RedlockOptions { NodeTimeout = TimeSpan.FromMilliseconds(200) });
        var before = new Dictionary<string, long>();
        foreach (var resource in new[] { "account:a", "account:b" })
        {
            await using var held = await redlock.AcquireAsync(resource, Wait, CancellationToken.None);
            Assert.NotNull(held);
            before[resource] = held.FencingToken;
        }

        await _nodes.Servers[1].RestartEmptyAsync();
        // Locking account:a (again and again, as a running system does) finds node 1 without its data once the
        // connection to it is back, and repairs it in the background.
        await using (var node1 = await _nodes.Servers[1].ConnectAsync())
        {
            await Eventually.Until(async () =>
            {
                await using (var held = await redlock.AcquireAsync("account:a", Wait, CancellationToken.None))
                {
                    Assert.NotNull(held);
                }

                return await node1.GetDatabase().StringGetAsync(LockKeys.NodeSentinel) == "original";
            }, TimeSpan.FromSeconds(20), "node 1 to be repaired");
        }

        // Nobody locked account:b since node 1 came back. Without the repair only node 0 would be trusted for it now.
        await _nodes.Servers[2].RestartEmptyAsync();
        await using var b = await redlock.AcquireAsync("account:b", Wait, CancellationToken.None);

        Assert.NotNull(b);
        Assert.True(b.FencingToken > before["account:b"], $"{b.FencingToken} after {before["account:b"]}");
    }
}
