using GridTokenX.Redis.Streaming;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Redis.Tests.Streaming;

/// <summary>
/// The adapter and receivers driven directly, the way a pulling agent drives them, so a test can stop exactly between
/// "read" and "acknowledged" (a receiver that disappears there is what a silo crash looks like to Redis).
/// </summary>
public sealed class RedisStreamReceiverTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string Run = "receiver-tests";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly string _provider = "rcv" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private ServiceProvider _services = null!;
    private ConnectionMultiplexer _connection = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSerializer(b => b.AddAssembly(typeof(RedisStreamPayload).Assembly).AddAssembly(typeof(StreamTestEvent).Assembly)
            .AddAssembly(typeof(StreamId).Assembly));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<RedisStreamMetrics>();
        services.AddOptions<RedisStreamOptions>(_provider).Configure(o =>
        {
            o.ConnectionString = redis.Server.ConnectionString;
            o.QueueCount = 2;
            o.MaxStreamLength = 1000;
            o.BatchSize = 100;
            o.Retention = TimeSpan.Zero;
        });
        _services = services.BuildServiceProvider();
        _connection = await redis.Server.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task Entries_read_but_not_acknowledged_are_delivered_again_by_the_next_receiver_with_the_same_event_ids()
    {
        await using var factory = RedisStreamAdapterFactory.Create(_services, _provider);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var queue = factory.GetStreamQueueMapper().GetAllQueues().First();
        var stream = StreamOn(factory, queue);
        for (var i = 0; i < 5; i++) await adapter.QueueMessageBatchAsync(stream, [new StreamTestEvent(Run, 2 * i), new StreamTestEvent(Run, (2 * i) + 1)], null, null);

        // First owner: reads all five entries, gets only the first two delivered, then vanishes without acknowledging more.
        var first = adapter.CreateReceiver(queue);
        await first.Initialize(Timeout);
        var read = await first.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(5, read.Count);
        await first.MessagesDeliveredAsync(read.Take(2).ToList(), CancellationToken.None);
        var subscriber = new List<(int Sequence, string EventId)>(Events(read));

        // Next owner of the queue: the three unacknowledged entries come first, then what was published meanwhile.
        await adapter.QueueMessageBatchAsync(stream, [new StreamTestEvent(Run, 10)], null, null);
        var second = adapter.CreateReceiver(queue);
        await second.Initialize(Timeout);
        var again = await ReadAllAsync(second);
        Assert.Equal(read.Skip(2).Select(Entry), again.Take(3).Select(Entry));
        Assert.Equal(Events(read.Skip(2)), Events(again.Take(3)));
        Assert.Equal(4, again.Count);
        subscriber.AddRange(Events(again));

        // A subscriber that drops duplicates by event id sees every event exactly once, in order.
        Assert.Equal(17, subscriber.Count);
        Assert.Equal(Enumerable.Range(0, 11), subscriber.DistinctBy(e => e.EventId).Select(e => e.Sequence));

        await second.MessagesDeliveredAsync(again, CancellationToken.None);
        var pending = await _connection.GetDatabase().StreamPendingAsync(RedisStreamKeys.Stream(_provider, queue), "gtx");
        Assert.Equal(0, pending.PendingMessageCount);
        Assert.Empty(await ReadAllAsync(second));
        await second.Shutdown(Timeout);
    }

    [Fact]
    public async Task Acknowledged_entries_are_trimmed_and_the_length_cap_bounds_an_unread_stream()
    {
        await using var factory = RedisStreamAdapterFactory.Create(_services, _provider);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var queues = factory.GetStreamQueueMapper().GetAllQueues().ToArray();
        var db = _connection.GetDatabase();

        // Delivered and acknowledged: the stream shrinks to at most the last delivered entry.
        var read = queues[0];
        var readStream = StreamOn(factory, read);
        for (var i = 0; i < 500; i++) await adapter.QueueMessageBatchAsync(readStream, [new StreamTestEvent(Run, i)], null, null);
        Assert.Equal(500, await db.StreamLengthAsync(RedisStreamKeys.Stream(_provider, read)));
        var receiver = adapter.CreateReceiver(read);
        await receiver.Initialize(Timeout);
        var half = new List<IBatchContainer>();
        while (half.Count < 250) half.AddRange(await receiver.GetQueueMessagesAsync(50, CancellationToken.None));
        await receiver.MessagesDeliveredAsync(half, CancellationToken.None);
        // The 250 unread entries stay, plus the last delivered one (trimming stops at the group's last-delivered id).
        Assert.Equal(251, await db.StreamLengthAsync(RedisStreamKeys.Stream(_provider, read)));
        await receiver.MessagesDeliveredAsync(await ReadAllAsync(receiver), CancellationToken.None);
        Assert.True(await db.StreamLengthAsync(RedisStreamKeys.Stream(_provider, read)) <= 1);

        // Never read: the approximate MAXLEN cap (1000 here) keeps the stream from growing without bound.
        var unread = queues[1];
        var unreadStream = StreamOn(factory, unread);
        await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => adapter.QueueMessageBatchAsync(unreadStream, [new StreamTestEvent(Run, i)], null, null)));
        var length = await db.StreamLengthAsync(RedisStreamKeys.Stream(_provider, unread));
        Assert.InRange(length, 1000, 1200);
    }

    [Fact]
    public async Task The_delivery_delay_is_the_age_of_the_newest_entry_read_and_zero_once_a_read_finds_nothing_new()
    {
        await using var factory = RedisStreamAdapterFactory.Create(_services, _provider);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var queue = factory.GetStreamQueueMapper().GetAllQueues().First();
        var receiver = adapter.CreateReceiver(queue);
        await receiver.Initialize(Timeout);
        await adapter.QueueMessageBatchAsync(StreamOn(factory, queue), [new StreamTestEvent(Run, 1)], null, null);

        // The entry id carries Redis's append time; reading it "an hour later" is an hour of delay.
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Single(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        var metrics = _services.GetRequiredService<RedisStreamMetrics>();
        var delay = Assert.Single(metrics.Delays(), d => d.Provider == _provider && d.Queue == queue.ToString());
        Assert.InRange(delay.Delay, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, Assert.Single(metrics.Delays(), d => d.Queue == queue.ToString()).Delay);
        await receiver.Shutdown(Timeout);
        Assert.DoesNotContain(metrics.Delays(), d => d.Queue == queue.ToString());
    }

    private static async Task<List<IBatchContainer>> ReadAllAsync(IQueueAdapterReceiver receiver)
    {
        var all = new List<IBatchContainer>();
        while (true)
        {
            var batch = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            if (batch.Count == 0) return all;
            all.AddRange(batch);
        }
    }

    private static string Entry(IBatchContainer batch) => ((RedisStreamBatchContainer)batch).EntryId;

    private static List<(int Sequence, string EventId)> Events(IEnumerable<IBatchContainer> batches) =>
        batches.SelectMany(b => b.GetEvents<StreamTestEvent>())
            .Select(e => (e.Item1.Sequence, RedisStreamSequenceToken.EventIdOf(e.Item2)!)).ToList();

    private static StreamId StreamOn(RedisStreamAdapterFactory factory, QueueId queue)
    {
        var mapper = factory.GetStreamQueueMapper();
        while (true)
        {
            var stream = StreamId.Create("receiver-test", Guid.NewGuid());
            if (mapper.GetQueueForStream(stream).Equals(queue)) return stream;
        }
    }
}
