using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Redis.Streaming;

/// <summary>
/// Reads one Orleans stream's events straight from its queue in Redis, after a position a subscriber last saw. Orleans
/// permanently drops a client's subscription when a delivery finds the client unreachable (its gateway silo died);
/// the client subscribes again and fills the hole from here, within <see cref="RedisStreamOptions.Retention"/>.
/// </summary>
public sealed class RedisStreamCatchUp(string provider, RedisStreamOptions options, IConnectionMultiplexer redis, Serializer serializer)
{
    private const int PageSize = 512;
    private readonly HashRingBasedStreamQueueMapper _mapper =
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.QueueCount }, provider);

    /// <summary>
    /// The position of the newest entry in the stream's queue right now (after every event of it): a subscriber that
    /// has not received anything yet can catch up from here.
    /// </summary>
    public async Task<StreamSequenceToken> PositionAsync(StreamId streamId, CancellationToken cancellationToken)
    {
        var key = RedisStreamKeys.Stream(provider, _mapper.GetQueueForStream(streamId));
        var newest = await redis.GetDatabase().StreamRangeAsync(key, "-", "+", count: 1, messageOrder: Order.Descending)
            .WaitAsync(options.ReadTimeout, cancellationToken).ConfigureAwait(false);
        var id = newest.Length > 0 ? (string)newest[0].Id! : "0-0";
        return new RedisStreamSequenceToken(RedisStreamEntryId.ToSequenceNumber(id), int.MaxValue, Guid.Empty);
    }

    /// <param name="after">The last position the subscriber saw (the token of its last event).</param>
    /// <param name="until">Stop after this many events (the caller's bound on one catch-up).</param>
    public async Task<RedisStreamCatchUpResult> ReadAfterAsync(StreamId streamId, StreamSequenceToken after, int until, CancellationToken cancellationToken)
    {
        var key = RedisStreamKeys.Stream(provider, _mapper.GetQueueForStream(streamId));
        var db = redis.GetDatabase();
        var last = RedisStreamEntryId.FromSequenceNumber(after.SequenceNumber);
        var events = new List<(object Event, StreamSequenceToken Token)>();

        // The entry the subscriber last saw may have had events after the one it got: start at that entry, inclusive.
        var first = await db.StreamRangeAsync(key, minId: last, maxId: "+", count: 1).WaitAsync(options.ReadTimeout, cancellationToken).ConfigureAwait(false);
        // From a position taken on an empty queue ("0-0") everything still in Redis follows it.
        var complete = after.SequenceNumber == 0 || (first.Length > 0 && (string)first[0].Id! == last);
        RedisValue from = last;
        while (events.Count < until)
        {
            var page = await db.StreamRangeAsync(key, minId: from, maxId: "+", count: PageSize).WaitAsync(options.ReadTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (entry["d"] is { IsNull: false } data && serializer.Deserialize<RedisStreamPayload>((byte[])data!) is { } payload
                    && payload.StreamId.Equals(streamId))
                {
                    var container = new RedisStreamBatchContainer(payload, (string)entry.Id!);
                    foreach (var (e, token) in container.GetEvents<object>())
                        if (token.CompareTo(after) > 0) events.Add((e, token));
                }
            }

            if (page.Length < PageSize) break;
            from = "(" + (string)page[^1].Id!;
        }

        // Stopping at the bound leaves events unread: the hole is not known to be filled.
        return new RedisStreamCatchUpResult(events, complete && events.Count < until);
    }
}

/// <param name="Complete">
/// False when the position the subscriber last saw is no longer in Redis (trimmed past the retention): events may have
/// been missed for good, and the subscriber should say so (e.g. make its clients resynchronise).
/// </param>
public sealed record RedisStreamCatchUpResult(IReadOnlyList<(object Event, StreamSequenceToken Token)> Events, bool Complete);
