using GridTokenX.Redis.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// The provider under test: an Orleans silo hosted in this process (localhost clustering on free ports, memory
/// PubSubStore, <c>AddRedisStreams</c> from src/Redis), a producer on the silo's own client publishing through
/// <see cref="IAsyncStream{T}.OnNextAsync"/>, and <see cref="ReceiverGrain"/> as the (implicit) subscriber.
/// </summary>
public sealed class ProviderTransport(IHost host, IAsyncStream<BenchEvent> stream, int entryBytes) : IStreamTransport
{
    public const string Namespace = "bench";
    public const string Provider = "bench";

    public string Name => "provider";

    public int EntryBytes => entryBytes;

    public IServiceProvider Services => host.Services;

    public static async Task<ProviderTransport> StartAsync(string redis, int queues, TimeSpan period, int padding, CancellationToken cancellationToken)
    {
        await ResetQueuesAsync(redis, queues, cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateApplicationBuilder();
        // The benchmark prints its own table; Orleans' informational logs would only add noise (and CPU).
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            // Its warning that this is not Server GC is deliberate here (see the project file).
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        var run = $"streambench-{Environment.ProcessId}-{Guid.NewGuid():N}";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), serviceId: run, clusterId: run);
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddRedisStreams(Provider, o =>
            {
                o.ConnectionString = redis;
                o.QueueCount = queues;
            }, streams => streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = period)));
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var client = host.Services.GetRequiredService<IClusterClient>();
        var stream = client.GetStreamProvider(Provider).GetStream<BenchEvent>(StreamId.Create(Namespace, Guid.NewGuid()));
        return new ProviderTransport(host, stream, EntrySize(host.Services.GetRequiredService<Serializer>(), stream.StreamId, padding));
    }

    // A silo's graceful stop leaves delivered-but-unacknowledged entries pending (the provider acknowledges only when
    // Orleans purges its cache), and the next silo redelivers them: each run starts on empty queues, and says how many.
    private static async Task ResetQueuesAsync(string redis, int queues, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis).WaitAsync(cancellationToken).ConfigureAwait(false);
        var db = connection.GetDatabase();
        for (var q = 0u; q < queues; q++)
        {
            var key = RedisStreamKeys.Stream(Provider, q);
            if (await db.KeyExistsAsync(key).ConfigureAwait(false))
            {
                var pending = await db.StreamPendingAsync(key, new RedisStreamOptions().ConsumerGroup).ConfigureAwait(false);
                if (pending.PendingMessageCount > 0)
                    Console.WriteLine($"  (queue {q}: {pending.PendingMessageCount} entries left pending by the previous silo's graceful stop; deleted)");
            }

            await db.KeyDeleteAsync(key).ConfigureAwait(false);
        }
    }

    /// <summary>Size of the entry the adapter writes for one event: the same payload record, the same serializer.</summary>
    public static int EntrySize(Serializer serializer, StreamId streamId, int padding) =>
        serializer.SerializeToArray(new RedisStreamPayload(Guid.NewGuid(), streamId, [new BenchEvent(long.MaxValue, long.MaxValue, new byte[padding])], null)).Length;

    public Task PublishAsync(BenchEvent item, CancellationToken cancellationToken) => stream.OnNextAsync(item);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(timeout.Token).ConfigureAwait(false);
        host.Dispose();
    }
}
