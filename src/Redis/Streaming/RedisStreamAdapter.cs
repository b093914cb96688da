using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Redis.Streaming;

/// <summary>Writes a producer's batch as one entry of its queue's Redis Stream and makes the queue receivers.</summary>
internal sealed class RedisStreamAdapter(
    string name,
    RedisStreamOptions options,
    IStreamQueueMapper mapper,
    Func<ValueTask<IDatabase>> database,
    Serializer serializer,
    RedisStreamMetrics metrics,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RedisStreamAdapter>();

    public string Name => name;

    // Subscribers cannot ask for an arbitrary past position: Redis keeps only what is not yet acknowledged.
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token,
        Dictionary<string, object>? requestContext)
    {
        if (token is not null)
            throw new ArgumentException("The Redis stream provider assigns positions itself; publish without a sequence token.", nameof(token));

        var queue = mapper.GetQueueForStream(streamId);
        var stream = RedisStreamKeys.Stream(name, queue);
        var payload = new RedisStreamPayload(Guid.NewGuid(), streamId, events.Cast<object>().ToList(), requestContext);
        var data = serializer.SerializeToArray(payload);
        try
        {
            var db = await database().ConfigureAwait(false);
            // Bounded like every other call of this provider: a producer must hear of a stuck append, not wait forever.
            await db.StreamAddAsync(stream, "d", data, maxLength: options.MaxStreamLength, useApproximateMaxLength: true)
                .WaitAsync(options.ReadTimeout).ConfigureAwait(false);
            // Wakes the queue's receiver if it is waiting on an empty queue; best-effort (it polls anyway).
            if (options.WakeUpWait > TimeSpan.Zero)
                await db.PublishAsync(RedisStreamKeys.Notify(name, queue), RedisValue.EmptyString, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The producer's OnNextAsync fails, so it knows the event may not have been stored and can retry it.
            RedisStreamLog.AppendFailed(_logger, name, stream.ToString(), ex);
            throw;
        }

        metrics.Published(name, queue.ToString(), payload.Events.Count);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new RedisStreamReceiver(name, queueId, options, database, serializer, metrics,
            loggerFactory.CreateLogger($"{typeof(RedisStreamReceiver).FullName}.{name}"));
}
