using System.Buffers.Binary;
using StackExchange.Redis;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// The baseline: XADD of an opaque entry of the provider's size, and one consumer loop doing XREADGROUP + XACK on one
/// stream over the same kind of single multiplexed connection the provider uses. StackExchange.Redis cannot BLOCK,
/// so the loop drains the stream, then waits one pulling period before reading again: what Orleans' pulling agent
/// does (its grain timer schedules the next tick a period after the previous pump completed). With notify, the
/// producer also PUBLISHes a tiny message after each XADD and an empty read waits for it (up to a bound) before the
/// pump ends: the wake-up design of docs/benchmarks.md.
/// </summary>
public sealed class RawTransport : IStreamTransport
{
    private const string Group = "bench";
    private const string Consumer = "queue-0";
    private static readonly RedisKey Stream = "bench:raw:{q0}";
    private static readonly RedisChannel Channel = RedisChannel.Literal("bench:raw:{q0}:notify");

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly TimeSpan _period;
    private readonly bool _notify;
    private readonly TimeSpan _wait;
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _consumer = Task.CompletedTask;

    private RawTransport(ConnectionMultiplexer redis, int entryBytes, TimeSpan period, bool notify, TimeSpan wait)
    {
        _redis = redis;
        _db = redis.GetDatabase();
        EntryBytes = entryBytes;
        _period = period;
        _notify = notify;
        _wait = wait;
    }

    public string Name => _notify ? "raw+notify" : "raw";

    public int EntryBytes { get; }

    public static async Task<RawTransport> StartAsync(string redis, int entryBytes, TimeSpan period, bool notify, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis).WaitAsync(cancellationToken).ConfigureAwait(false);
        var transport = new RawTransport(connection, entryBytes, period, notify, wait);
        await transport._db.KeyDeleteAsync(Stream).ConfigureAwait(false);
        await transport._db.StreamCreateConsumerGroupAsync(Stream, Group, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        if (notify) await connection.GetSubscriber().SubscribeAsync(Channel, (_, _) => transport._signal.Set()).ConfigureAwait(false);
        transport._consumer = Task.Run(() => transport.ConsumeAsync(transport._stop.Token), CancellationToken.None);
        return transport;
    }

    public async Task PublishAsync(BenchEvent item, CancellationToken cancellationToken)
    {
        // A fresh array per event, as the provider serializes a fresh one; the timestamp travels in the first bytes.
        var data = new byte[EntryBytes];
        BinaryPrimitives.WriteInt64LittleEndian(data, item.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8), item.SentTimestamp);
        await _db.StreamAddAsync(Stream, "d", data, maxLength: 1_000_000, useApproximateMaxLength: true)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        // Fire-and-forget: the notification must not add a round trip to the publish.
        if (_notify) _db.Publish(Channel, RedisValue.EmptyString, CommandFlags.FireAndForget);
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await PumpAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_period, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    // One timer tick of the pulling agent (PumpQueue): read again at once while reads return entries. With notify, an
    // empty read is what the receiver's GetQueueMessagesAsync would do: wait for a producer's notification, up to the
    // bound, and read again; only when the bound passes does the pump end and the period start.
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _wait;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wake = _signal.Next;
            if (await ReadOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                deadline = DateTime.UtcNow + _wait;
                continue;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (!_notify || remaining <= TimeSpan.Zero) return;
            try
            {
                await wake.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private async Task<int> ReadOnceAsync(CancellationToken cancellationToken)
    {
        var entries = await _db.StreamReadGroupAsync(Stream, Group, Consumer, StreamPosition.NewMessages, 256)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (entries.Length == 0) return 0;
        var ids = new RedisValue[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            ids[i] = entries[i].Id;
            var data = (byte[])entries[i]["d"]!;
            DeliveryLog.Current?.Record(BinaryPrimitives.ReadInt64LittleEndian(data), BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(8)));
        }

        await _db.StreamAcknowledgeAsync(Stream, Group, ids).WaitAsync(cancellationToken).ConfigureAwait(false);
        return entries.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _consumer.ConfigureAwait(false);
        await _db.KeyDeleteAsync(Stream).ConfigureAwait(false);
        await _redis.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
