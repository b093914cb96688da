using System.Buffers.Binary;
using StackExchange.Redis;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// The baseline: XADD of an opaque entry of the provider's size, and one consumer loop doing XREADGROUP + XACK on one
/// stream over the same kind of single multiplexed connection the provider uses. StackExchange.Redis cannot BLOCK,
/// so the loop drains the stream, then waits for the next tick of a timer with the provider's pulling period (what
/// Orleans' pulling agent does). With <paramref name="notify"/>, the producer also PUBLISHes a tiny message after
/// each XADD and the idle loop wakes on it, the tick being only a bound: the wake-up design of docs/benchmarks.md.
/// </summary>
public sealed class RawTransport : IStreamTransport
{
    private const string Group = "bench";
    private static readonly RedisKey Stream = "bench:raw:{q0}";
    private static readonly RedisChannel Channel = RedisChannel.Literal("bench:raw:{q0}:notify");

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly TimeSpan _period;
    private readonly bool _notify;
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _consumer = Task.CompletedTask;

    private RawTransport(ConnectionMultiplexer redis, int entryBytes, TimeSpan period, bool notify)
    {
        _redis = redis;
        _db = redis.GetDatabase();
        EntryBytes = entryBytes;
        _period = period;
        _notify = notify;
    }

    public string Name => _notify ? "raw+notify" : "raw";

    public int EntryBytes { get; }

    public static async Task<RawTransport> StartAsync(string redis, int entryBytes, TimeSpan period, bool notify, CancellationToken cancellationToken)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis).WaitAsync(cancellationToken).ConfigureAwait(false);
        var transport = new RawTransport(connection, entryBytes, period, notify);
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
        using var timer = new PeriodicTimer(_period);
        var consumer = "queue-0";
        // PeriodicTimer allows one waiter at a time: a tick still pending after a wake-up is awaited again next time.
        Task<bool>? tick = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Drain, like PersistentStreamPullingAgent.PumpQueue: read again at once while reads return entries.
                StreamEntry[] entries;
                do
                {
                    entries = await _db.StreamReadGroupAsync(Stream, Group, consumer, StreamPosition.NewMessages, 256).ConfigureAwait(false);
                    if (entries.Length == 0) break;
                    var ids = new RedisValue[entries.Length];
                    for (var i = 0; i < entries.Length; i++)
                    {
                        ids[i] = entries[i].Id;
                        DeliveryLog.Current?.Record(BinaryPrimitives.ReadInt64LittleEndian(((byte[])entries[i]["d"]!).AsSpan(8)));
                    }

                    await _db.StreamAcknowledgeAsync(Stream, Group, ids).ConfigureAwait(false);
                } while (!cancellationToken.IsCancellationRequested);

                if (tick is null || tick.IsCompleted) tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                if (_notify) await _signal.WaitAsync(tick, cancellationToken).ConfigureAwait(false);
                else await tick.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
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
