using System.Diagnostics.Metrics;
using GridTokenX.Redis.Locking;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Redis.Tests.Locking;

/// <summary>
/// <see cref="LockServiceCollectionExtensions.AddGridTokenXLocks"/> as two silos use it: separately built locks over the
/// same three lock nodes exclude each other, and their statistics reach the <c>GridTokenX.Locks</c> meter.
/// </summary>
public sealed class LockServiceCollectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private LockNodes _nodes = null!;

    public async Task InitializeAsync() => _nodes = await LockNodes.StartAsync(3);

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task Two_separately_built_locks_over_the_same_nodes_exclude_each_other()
    {
        await using var siloA = Silo();
        await using var siloB = Silo();
        var a = siloA.GetRequiredService<IDistributedLock>();
        var b = siloB.GetRequiredService<IDistributedLock>();
        Assert.Equal(2, Assert.IsType<Redlock>(a).Quorum);

        long firstToken;
        await using (var held = await a.AcquireAsync("account:alice", Wait, CancellationToken.None))
        {
            Assert.NotNull(held);
            firstToken = held.FencingToken;
            Assert.Null(await b.AcquireAsync("account:alice", TimeSpan.FromMilliseconds(300), CancellationToken.None));
        }

        await using var next = await b.AcquireAsync("account:alice", Wait, CancellationToken.None);
        Assert.NotNull(next);
        Assert.True(next.FencingToken > firstToken);
        Assert.Equal(1, b.Stats.Refused);
    }

    [Fact]
    public async Task Contenders_in_two_silos_never_hold_a_resource_together()
    {
        await using var siloA = Silo();
        await using var siloB = Silo();
        IDistributedLock[] locks = [siloA.GetRequiredService<IDistributedLock>(), siloB.GetRequiredService<IDistributedLock>()];
        var counter = 0;
        var overlaps = 0;
        var inside = 0;
        var tokens = new List<long>();

        async Task WorkAsync(IDistributedLock locker)
        {
            for (var i = 0; i < 8; i++)
            {
                await using var held = await locker.AcquireAsync("wallet:alice", TimeSpan.FromSeconds(30), CancellationToken.None);
                Assert.NotNull(held);
                if (Interlocked.Increment(ref inside) != 1) Interlocked.Increment(ref overlaps);
                var read = counter;
                await Task.Delay(1);
                counter = read + 1;
                lock (tokens) tokens.Add(held.FencingToken);
                Interlocked.Decrement(ref inside);
            }
        }

        await Task.WhenAll(locks.SelectMany(l => Enumerable.Range(0, 3).Select(_ => Task.Run(() => WorkAsync(l)))));

        Assert.Equal(2 * 3 * 8, counter);
        Assert.Equal(0, overlaps);
        // Taken one after another, so each holder's token exceeds the one before it.
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task A_force_release_from_one_silo_is_noticed_by_the_holder_in_the_other()
    {
        var options = new RedlockOptions { Ttl = TimeSpan.FromMilliseconds(900) };
        await using var siloA = Silo(options);
        await using var siloB = Silo(options);
        var a = siloA.GetRequiredService<IDistributedLock>();
        var b = siloB.GetRequiredService<IDistributedLock>();

        await using var held = await a.AcquireAsync("wallet:bob", Wait, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Equal(3, await b.ForceReleaseAsync("wallet:bob"));

        // The holder finds out at its next extension (every third of the TTL).
        await Task.Delay(TimeSpan.FromSeconds(5), held.Lost).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(held.Lost.IsCancellationRequested);
        await using var next = await b.AcquireAsync("wallet:bob", Wait, CancellationToken.None);
        Assert.True(next!.FencingToken > held.FencingToken);
        Assert.Equal(1, a.Stats.Lost);
        Assert.Equal(1, b.Stats.ForceReleased);
    }

    [Fact]
    public async Task Without_lock_endpoints_the_main_Redis_is_the_one_node_and_the_meter_is_the_hosts()
    {
        var services = new ServiceCollection().AddMetrics();
        services.AddGridTokenXLocks(_nodes.Servers[0].ConnectionString);
        await using var provider = services.BuildServiceProvider();
        var instruments = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == RedlockMetrics.MeterName) lock (instruments) instruments.Add(instrument.Name);
        };
        listener.Start();

        var locks = provider.GetRequiredService<IDistributedLock>();

        Assert.Equal(1, Assert.IsType<Redlock>(locks).Quorum);
        await using (var held = await locks.AcquireAsync("account:alice", Wait, CancellationToken.None)) Assert.NotNull(held);
        Assert.Contains("gtx.locks.acquired", instruments);
    }

    [Fact]
    public async Task Standalone_mode_gets_the_in_process_lock()
    {
        await using var provider = new ServiceCollection().AddGridTokenXLocks(redisConnectionString: null).BuildServiceProvider();

        Assert.IsType<InProcessLock>(provider.GetRequiredService<IDistributedLock>());
    }

    private ServiceProvider Silo(RedlockOptions? options = null) =>
        new ServiceCollection()
            .AddGridTokenXLocks(_nodes.Servers[0].ConnectionString, [.. _nodes.Servers.Select(s => s.ConnectionString)], options)
            .BuildServiceProvider();
}
