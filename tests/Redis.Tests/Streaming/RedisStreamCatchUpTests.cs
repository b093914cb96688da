using GridTokenX.Redis.Streaming;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Redis.Tests.Streaming;

/// <summary>
/// A subscriber whose subscription Orleans dropped reads what it missed straight from Redis: acknowledged entries
/// stay for the retention, and the read returns only its stream's events after the position it last saw.
/// </summary>
public sealed class RedisStreamCatchUpTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Run = "catch-up-tests";
    private ServiceProvider _services = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer(b => b.AddAssembly(typeof(RedisStreamPayload).Assembly).AddAssembly(typeof(StreamTestEvent).Assembly)
            .AddAssembly(typeof(StreamId).Assembly));
        services.AddSingleton<RedisStreamMetrics>();
        _services = services.BuildServiceProvider();
        _connection = await redis.Server.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _services.DisposeAsync();
    }

    private RedisStreamOptions Options(TimeSpan retention) => new()
    {
        ConnectionString = redis.Server.ConnectionString,
        QueueCount = 1,
        MaxStreamLength = 1000,
        Retention = retention,
    };

    [Fact]
    public async Task Delivered_entries_stay_for_the_retention_and_a_catch_up_returns_only_its_streams_events_after_a_position()
    {
        var (provider, options) = ("cu" + Guid.NewGuid().ToString("N")[..8], Options(TimeSpan.FromMinutes(5)));
        await using var factory = Factory(provider, options);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var queue = factory.GetStreamQueueMapper().GetAllQueues().Single();
        var (mine, other) = (StreamId.Create("catch-up", "mine"), StreamId.Create("catch-up", "other"));
        for (var i = 0; i < 4; i++)
        {
            await adapter.QueueMessageBatchAsync(mine, [new StreamTestEvent(Run, 2 * i), new StreamTestEvent(Run, (2 * i) + 1)], null, null);
            await adapter.QueueMessageBatchAsync(other, [new StreamTestEvent(Run, 100 + i)], null, null);
        }

        var receiver = adapter.CreateReceiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        var read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await receiver.MessagesDeliveredAsync(read, CancellationToken.None);
        Assert.Equal(8, await _connection.GetDatabase().StreamLengthAsync(RedisStreamKeys.Stream(provider, queue)));

        // The subscriber saw event 2 (the first of the second entry) and then lost its subscription.
        var seen = read.Where(b => b.StreamId.Equals(mine)).SelectMany(b => b.GetEvents<StreamTestEvent>()).ElementAt(2).Item2;
        var catchUp = new RedisStreamCatchUp(provider, options, _connection, _services.GetRequiredService<Serializer>());
        var missed = await catchUp.ReadAfterAsync(mine, seen, until: 100, CancellationToken.None);

        Assert.True(missed.Complete);
        Assert.Equal([3, 4, 5, 6, 7], missed.Events.Select(e => ((StreamTestEvent)e.Event).Sequence));
        Assert.Equal(missed.Events.Select(e => e.Token).Order(), missed.Events.Select(e => e.Token));
    }

    [Fact]
    public async Task Without_retention_delivered_entries_go_and_a_catch_up_says_its_hole_may_not_be_filled()
    {
        var (provider, options) = ("cu" + Guid.NewGuid().ToString("N")[..8], Options(TimeSpan.Zero));
        await using var factory = Factory(provider, options);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var queue = factory.GetStreamQueueMapper().GetAllQueues().Single();
        var mine = StreamId.Create("catch-up", "mine");
        for (var i = 0; i < 3; i++) await adapter.QueueMessageBatchAsync(mine, [new StreamTestEvent(Run, i)], null, null);

        var receiver = adapter.CreateReceiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        var read = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await receiver.MessagesDeliveredAsync(read, CancellationToken.None);

        var catchUp = new RedisStreamCatchUp(provider, options, _connection, _services.GetRequiredService<Serializer>());
        var missed = await catchUp.ReadAfterAsync(mine, read[0].SequenceToken, until: 100, CancellationToken.None);
        // Trimming keeps entries from the last delivered one on: the position seen (entry 0) is gone, entry 1 with it.
        Assert.False(missed.Complete);
        Assert.Equal([2], missed.Events.Select(e => ((StreamTestEvent)e.Event).Sequence));
    }

    [Fact]
    public async Task An_append_wakes_a_receiver_waiting_on_an_empty_queue()
    {
        var provider = "wk" + Guid.NewGuid().ToString("N")[..8];
        var options = Options(TimeSpan.Zero);
        options.WakeUpWait = TimeSpan.FromMinutes(1); // without a wake-up the read below would outlast its 20 s deadline
        await using var factory = Factory(provider, options);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var queue = factory.GetStreamQueueMapper().GetAllQueues().Single();
        var receiver = adapter.CreateReceiver(queue);
        await receiver.Initialize(TimeSpan.FromSeconds(10));
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)); // pending entries first: none

        var read = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await Eventually.Until(async () => (long)(await _connection.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", RedisStreamKeys.Notify(provider, queue).ToString()))[1] > 0,
            TimeSpan.FromSeconds(30), "the receiver to listen for wake-ups");
        await adapter.QueueMessageBatchAsync(StreamId.Create("catch-up", "mine"), [new StreamTestEvent(Run, 1)], null, null);

        var woken = await read.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([1], woken.SelectMany(b => b.GetEvents<StreamTestEvent>()).Select(e => e.Item1.Sequence));
    }

    private RedisStreamAdapterFactory Factory(string provider, RedisStreamOptions options) =>
        new(provider, options, _services.GetRequiredService<Serializer>(), _services.GetRequiredService<RedisStreamMetrics>(),
            _services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>());
}
