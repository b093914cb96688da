using System.Net;
using GridTokenX.Grains.Hosting;
using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GridTokenX.Grains.Tests.Hosting;

/// <summary>The silo wiring gives grains the lock of its mode: Redlock over the lock nodes or the main Redis, or in-process.</summary>
public sealed class LockWiringTests
{
    [Fact]
    public void A_standalone_silo_gets_the_in_process_lock()
    {
        using var host = BuildSilo(Settings(redisConnectionString: null));

        Assert.IsType<InProcessLock>(host.Services.GetRequiredService<IDistributedLock>());
    }

    [Fact]
    public async Task A_redis_silo_gets_Redlock_over_its_lock_endpoints()
    {
        await using var main = await RedisServer.StartAsync();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RedisServer.StartAsync()));
        try
        {
            using var host = BuildSilo(Settings(main.ConnectionString) with { LockEndpoints = [.. nodes.Select(n => n.ConnectionString)] });
            var locks = host.Services.GetRequiredService<IDistributedLock>();

            Assert.Equal(2, Assert.IsType<Redlock>(locks).Quorum);
            await using (var held = await locks.AcquireAsync("account:alice", TimeSpan.FromSeconds(10), CancellationToken.None)) Assert.NotNull(held);
            // The lock lives on the lock nodes, not on the main Redis.
            await using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(main.ConnectionString);
            Assert.False(await probe.GetDatabase().KeyExistsAsync(LockKeys.Fence("account:alice")));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_redis_silo_without_lock_endpoints_locks_on_the_main_Redis()
    {
        await using var main = await RedisServer.StartAsync();
        using var host = BuildSilo(Settings(main.ConnectionString));
        var locks = host.Services.GetRequiredService<IDistributedLock>();

        Assert.Equal(1, Assert.IsType<Redlock>(locks).Quorum);
        await using (var held = await locks.AcquireAsync("account:alice", TimeSpan.FromSeconds(10), CancellationToken.None)) Assert.NotNull(held);
        await using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(main.ConnectionString);
        Assert.True(await probe.GetDatabase().KeyExistsAsync(LockKeys.Fence("account:alice")));
    }

    private static SiloSettings Settings(string? redisConnectionString) =>
        new("lock-wiring", "lock-wiring", redisConnectionString, FreePort.Next(), FreePort.Next(), IPAddress.Loopback, StreamPullPeriod: null);

    // Composed as the silo and the standalone API host compose theirs; built, not started: nothing here needs the cluster.
    private static IHost BuildSilo(SiloSettings settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddGridTokenX(builder.Configuration, settings));
        return builder.Build();
    }
}
