using GridTokenX.Redis.Connection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;
using StreamPosition = StackExchange.Redis.StreamPosition;

namespace GridTokenX.Redis.Streaming;

/// <summary>
/// Pulls one queue for the silo that currently owns it. It first re-reads the queue consumer's pending entries (read
/// before by whichever silo owned the queue, never acknowledged), then new entries; it acknowledges and trims only
/// what Orleans reports delivered. Orleans calls it from one pulling agent at a time, never concurrently.
/// </summary>
internal sealed class RedisStreamReceiver(
    string provider,
    QueueId queue,
    RedisStreamOptions options,
    Func<ValueTask<IDatabase>> database,
    Serializer serializer,
    RedisStreamMetrics metrics,
    ILogger logger) : IQueueAdapterReceiver
{
    private static readonly string AckScript = LuaScripts.Load(typeof(RedisStreamReceiver), "stream-ack-trim.lua");

    private readonly RedisKey _stream = RedisStreamKeys.Stream(provider, queue);
    private readonly RedisValue _consumer = RedisStreamKeys.Consumer(queue);
    private readonly string _queueName = queue.ToString();
    private readonly List<RedisValue> _unacknowledged = [];

    // Pending entries are re-read by id (after the last one handed to Orleans) until none is left; then new ones (">").
    private RedisValue _lastRead = "0";

    // Completed (and replaced) by every wake-up a producer sends; a read takes the current one before it looks, so a
    // wake-up that lands between the look and the wait is not missed.
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChannelMessageQueue? _wakeUps;
    private bool _reclaiming = true;
    private int _reclaimedCount;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await EnsureGroupAsync(cts.Token).ConfigureAwait(false);
        _lastRead = "0";
        _reclaiming = true;
        RedisStreamLog.ReceiverStarted(logger, provider, _queueName, _stream.ToString());
    }

#pragma warning disable CS0672, CS0809 // The pre-cancellation overloads are what Orleans 10.4 still calls.
    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);
#pragma warning restore CS0672, CS0809

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var count = maxCount > 0 ? Math.Min(maxCount, options.BatchSize) : options.BatchSize;
        try
        {
            var db = await database().ConfigureAwait(false);
            if (_reclaiming)
            {
                var pending = await ReadAsync(db, _lastRead, count, cancellationToken).ConfigureAwait(false);
                if (pending.Length > 0)
                {
                    _lastRead = pending[^1].Id;
                    metrics.ReadUpTo(provider, _queueName, (string?)_lastRead);
                    _reclaimedCount += pending.Length;
                    return await DecodeAsync(db, pending, reclaimed: true, cancellationToken).ConfigureAwait(false);
                }

                _reclaiming = false;
                if (_reclaimedCount > 0) RedisStreamLog.Reclaimed(logger, provider, _queueName, _reclaimedCount);
            }

            var woken = await ListenAsync(db).ConfigureAwait(false);
            var entries = await ReadAsync(db, StreamPosition.NewMessages, count, cancellationToken).ConfigureAwait(false);
            if (entries.Length == 0 && woken is not null && await WokenAsync(woken, cancellationToken).ConfigureAwait(false))
                entries = await ReadAsync(db, StreamPosition.NewMessages, count, cancellationToken).ConfigureAwait(false);

            if (entries.Length > 0) _lastRead = entries[^1].Id;
            metrics.ReadUpTo(provider, _queueName, entries.Length > 0 ? (string?)_lastRead : null);
            return entries.Length == 0 ? [] : await DecodeAsync(db, entries, reclaimed: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
        {
            await EnsureGroupAsync(cancellationToken).ConfigureAwait(false);
            RedisStreamLog.GroupRecreated(logger, provider, _queueName, options.ConsumerGroup);
            return [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping this queue: not an error. Anything Redis handed over meanwhile stays pending for
            // the queue's next owner.
            return [];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis may have handed entries to this consumer whose reply never arrived: they are pending now, so the
            // next pull re-reads the pending list after the last entry Orleans actually got.
            _reclaiming = true;
            RedisStreamLog.ReadFailed(logger, provider, _queueName, ex);
            return [];
        }
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        var events = 0;
        foreach (var message in messages)
        {
            if (message is not RedisStreamBatchContainer container) continue;
            _unacknowledged.Add(container.EntryId);
            events += container.EventCount;
        }

        if (_unacknowledged.Count == 0) return;
        try
        {
            await AcknowledgeAsync(await database().ConfigureAwait(false), _unacknowledged, cancellationToken).ConfigureAwait(false);
            _unacknowledged.Clear();
            metrics.Acknowledged(provider, _queueName, events);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Kept for the next call; if this silo dies first, the entries stay pending and the next owner re-reads them.
            RedisStreamLog.AckFailed(logger, provider, _queueName, _unacknowledged.Count, ex);
        }
    }

    /// <summary>The wake-up to wait for after an empty read, subscribing first if need be; null without wake-ups.</summary>
    private async ValueTask<Task?> ListenAsync(IDatabase db)
    {
        if (options.WakeUpWait <= TimeSpan.Zero) return null;
        if (_wakeUps is null)
        {
            try
            {
                _wakeUps = await db.Multiplexer.GetSubscriber().SubscribeAsync(RedisStreamKeys.Notify(provider, queue)).ConfigureAwait(false);
                _wakeUps.OnMessage(_ => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Polling still works; the next read tries to subscribe again.
                RedisStreamLog.ReadFailed(logger, provider, _queueName, ex);
                return null;
            }
        }

        return Volatile.Read(ref _wake).Task;
    }

    private async Task<bool> WokenAsync(Task woken, CancellationToken cancellationToken)
    {
        try
        {
            await woken.WaitAsync(options.WakeUpWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        // No pause to gather more appends here: under load the pulling agent calls again after its short period
        // (SiloSettings.DefaultWokenStreamPullPeriod), and that read takes everything appended meanwhile.
        return true;
    }

    public Task Shutdown(TimeSpan timeout)
    {
        _wakeUps?.Unsubscribe(CommandFlags.FireAndForget);
        _wakeUps = null;
        // Unacknowledged entries stay pending under the queue's consumer name for the queue's next owner.
        metrics.QueueReleased(provider, _queueName);
        return Task.CompletedTask;
    }

    private async Task<StreamEntry[]> ReadAsync(IDatabase db, RedisValue position, int count, CancellationToken cancellationToken) =>
        await db.StreamReadGroupAsync(_stream, options.ConsumerGroup, _consumer, position, count)
            .WaitAsync(options.ReadTimeout, cancellationToken).ConfigureAwait(false);

    private async Task<IList<IBatchContainer>> DecodeAsync(IDatabase db, StreamEntry[] entries, bool reclaimed, CancellationToken cancellationToken)
    {
        var batches = new List<IBatchContainer>(entries.Length);
        List<RedisValue>? dropped = null;
        var events = 0;
        foreach (var entry in entries)
        {
            var id = (string)entry.Id!;
            var data = entry["d"];
            if (data.IsNull)
            {
                // A pending entry whose body is gone: the MAXLEN cap removed it before anyone delivered it.
                RedisStreamLog.EntryTrimmedBeforeDelivery(logger, provider, _queueName, id);
                (dropped ??= []).Add(entry.Id);
                continue;
            }

            try
            {
                var payload = serializer.Deserialize<RedisStreamPayload>((byte[])data!)
                    ?? throw new InvalidDataException("Empty payload.");
                batches.Add(new RedisStreamBatchContainer(payload, id));
                events += payload.Events.Count;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                RedisStreamLog.EntryUndecodable(logger, provider, _queueName, id, ex);
                (dropped ??= []).Add(entry.Id);
            }
        }

        metrics.Read(provider, _queueName, events, reclaimed);
        // Undeliverable entries would otherwise stay pending forever and hold back trimming.
        if (dropped is not null) await AcknowledgeAsync(db, dropped, cancellationToken).ConfigureAwait(false);
        return batches;
    }

    private async Task AcknowledgeAsync(IDatabase db, List<RedisValue> entryIds, CancellationToken cancellationToken)
    {
        var args = new RedisValue[entryIds.Count + 2];
        args[0] = options.ConsumerGroup;
        args[1] = (long)options.Retention.TotalMilliseconds;
        entryIds.CopyTo(args, 2);
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(AckScript, [_stream], args)
            .WaitAsync(options.ReadTimeout, cancellationToken).ConfigureAwait(false))!;
        metrics.QueueState(provider, _queueName, pending: (long)result[1], lag: (long)result[2]);
    }

    private async Task EnsureGroupAsync(CancellationToken cancellationToken)
    {
        var db = await database().ConfigureAwait(false);
        try
        {
            // From the beginning: whatever producers appended before any silo pulled this queue is delivered too.
            await db.StreamCreateConsumerGroupAsync(_stream, options.ConsumerGroup, StreamPosition.Beginning, createStream: true)
                .WaitAsync(options.ReadTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another owner (or an earlier life of this queue) created it: keep its position and pending entries.
        }
    }
}
