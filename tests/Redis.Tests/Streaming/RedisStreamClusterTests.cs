using GridTokenX.TestSupport;
using Orleans.TestingHost;

namespace GridTokenX.Redis.Tests.Streaming;

/// <summary>The provider inside a real Orleans cluster: subscribers are grains, silos are killed, added and stopped.</summary>
public sealed class RedisStreamClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Events_of_each_stream_arrive_in_order_across_queues_and_the_streams_are_trimmed_after_delivery()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await StreamsCluster.StartAsync(redis.ConnectionString, silos: 2, queueCount: 4);
        try
        {
            var run = NewRun();
            var streams = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();

            await StreamsCluster.PublishAsync(cluster, run, streams, from: 0, count: 100);

            await StreamsCluster.WaitForAllAsync(run, streams, perStream: 100, Deadline);
            var received = StreamRecordings.Of(run);
            foreach (var stream in streams)
                Assert.Equal(Enumerable.Range(0, 100), StreamRecordings.Distinct(received[stream]));

            // Acknowledged entries are trimmed: at most the last delivered entry of each queue stays.
            await using var connection = await redis.ConnectAsync();
            await Eventually.Until(() => StreamsCluster.StreamLengthsAsync(connection, 4), lengths => lengths.All(l => l <= 1), Deadline,
                "every queue's stream to be trimmed to at most one entry");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task No_event_is_lost_when_a_silo_holding_queues_is_killed()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await StreamsCluster.StartAsync(redis.ConnectionString, silos: 2, queueCount: 8);
        try
        {
            var run = NewRun();
            var streams = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToArray();

            await StreamsCluster.PublishAsync(cluster, run, streams, from: 0, count: 40);
            // Kill while the first half may still be in flight (read, not yet acknowledged) on the victim.
            var publishing = StreamsCluster.PublishAsync(cluster, run, streams, from: 40, count: 20);
            await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
            await publishing;
            await StreamsCluster.PublishAsync(cluster, run, streams, from: 60, count: 20);

            await StreamsCluster.WaitForAllAsync(run, streams, perStream: 80, TimeSpan.FromSeconds(60));
            var received = StreamRecordings.Of(run);
            foreach (var stream in streams)
            {
                // Redeliveries are allowed; after dropping them by event id every event is there exactly once.
                Assert.Equal(Enumerable.Range(0, 80), StreamRecordings.Distinct(received[stream]).Order());
                Assert.All(received[stream].GroupBy(r => r.EventId), g => Assert.Single(g.Select(r => r.Sequence).Distinct()));
            }
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_keep_flowing_while_silos_join_and_leave()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = await StreamsCluster.StartAsync(redis.ConnectionString, silos: 1, queueCount: 8);
        try
        {
            var run = NewRun();
            var streams = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToArray();

            await StreamsCluster.PublishAsync(cluster, run, streams, from: 0, count: 20);
            await StreamsCluster.WaitForAllAsync(run, streams, perStream: 20, Deadline);

            var joined = await cluster.StartAdditionalSiloAsync();
            await cluster.StartAdditionalSiloAsync();
            await StreamsCluster.PublishAsync(cluster, run, streams, from: 20, count: 20);
            await StreamsCluster.WaitForAllAsync(run, streams, perStream: 40, Deadline);

            await cluster.StopSiloAsync(joined);
            await StreamsCluster.PublishAsync(cluster, run, streams, from: 40, count: 20);
            await StreamsCluster.WaitForAllAsync(run, streams, perStream: 60, Deadline);

            var received = StreamRecordings.Of(run);
            foreach (var stream in streams)
                Assert.Equal(Enumerable.Range(0, 60), StreamRecordings.Distinct(received[stream]).Order());
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static string NewRun() => Guid.NewGuid().ToString("N");
}
