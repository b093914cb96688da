using System.Globalization;
using GridTokenX.Redis.Streaming;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace GridTokenX.Redis.Tests.Streaming;

/// <summary>An Orleans test cluster whose stream provider "redis" keeps its queues in a real Redis; the client publishes.</summary>
public static class StreamsCluster
{
    public const string Namespace = "gtx-test";
    public const string Provider = "redis";

    public static async Task<TestCluster> StartAsync(string redisConnectionString, short silos, int queueCount)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Properties["Redis"] = redisConnectionString;
        builder.Properties["QueueCount"] = queueCount.ToString(CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Publishes <paramref name="count"/> events to each stream, in order within a stream, streams concurrently.</summary>
    public static Task PublishAsync(TestCluster cluster, string run, IEnumerable<Guid> streams, int from, int count) =>
        Task.WhenAll(streams.Select(async key =>
        {
            var stream = cluster.Client.GetStreamProvider(Provider).GetStream<StreamTestEvent>(StreamId.Create(Namespace, key));
            for (var i = from; i < from + count; i++) await stream.OnNextAsync(new StreamTestEvent(run, i));
        }));

    public static Task WaitForAllAsync(string run, IReadOnlyCollection<Guid> streams, int perStream, TimeSpan timeout) =>
        Eventually.Until(() =>
        {
            var received = StreamRecordings.Of(run);
            var complete = streams.Count(s => received.TryGetValue(s, out var r) && StreamRecordings.Distinct(r).Length == perStream);
            return Task.FromResult(complete);
        }, complete => complete == streams.Count, timeout, $"all {streams.Count} streams to receive {perStream} distinct events");

    public static async Task<long[]> StreamLengthsAsync(IConnectionMultiplexer redis, int queueCount)
    {
        var db = redis.GetDatabase();
        var lengths = new long[queueCount];
        for (var q = 0; q < queueCount; q++) lengths[q] = await db.StreamLengthAsync(RedisStreamKeys.Stream(Provider, (uint)q));
        return lengths;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var redis = siloBuilder.Configuration["Redis"]!;
            var queues = int.Parse(siloBuilder.Configuration["QueueCount"]!, CultureInfo.InvariantCulture);
            siloBuilder.AddRedisStreams(Provider, o =>
            {
                o.ConnectionString = redis;
                o.QueueCount = queues;
                o.Retention = TimeSpan.Zero;
            });
            // Subscriptions must survive the silo that holds them being killed, so not memory storage.
            siloBuilder.AddRedisGrainStorage("PubSubStore", o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            // Declare a killed silo dead within a few seconds so its queues move on quickly.
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddRedisStreams(Provider, o =>
            {
                o.ConnectionString = configuration["Redis"]!;
                o.QueueCount = int.Parse(configuration["QueueCount"]!, CultureInfo.InvariantCulture);
            });
    }
}
