using Orleans.Runtime;
using Orleans.Streams;

namespace GridTokenX.Redis.Streaming;

/// <summary>One Redis Stream entry as Orleans sees it: the producer's events plus where the entry sits in Redis.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.streams.RedisStreamBatchContainer")]
public sealed class RedisStreamBatchContainer(RedisStreamPayload payload, string entryId) : IBatchContainer
{
    [Id(0)]
    public RedisStreamPayload Payload { get; } = payload;

    /// <summary>The Redis entry id; acknowledged with XACK once Orleans reports the batch delivered.</summary>
    [Id(1)]
    public string EntryId { get; } = entryId;

    [Id(2)]
    private readonly RedisStreamSequenceToken _token = new(RedisStreamEntryId.ToSequenceNumber(entryId), 0, payload.BatchId);

    public StreamId StreamId => Payload.StreamId;

    public StreamSequenceToken SequenceToken => _token;

    /// <summary>Producer-chosen id of this batch; event <c>i</c> of it has id <c>{BatchId:N}/{i}</c>.</summary>
    public Guid BatchId => Payload.BatchId;

    public int EventCount => Payload.Events.Count;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var events = Payload.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is T item) yield return Tuple.Create<T, StreamSequenceToken>(item, _token.ForEvent(i));
        }
    }

    public bool ImportRequestContext()
    {
        if (Payload.RequestContext is not { Count: > 0 } context) return false;
        RequestContextExtensions.Import(context);
        return true;
    }

    public override string ToString() => $"[RedisStreamBatchContainer {EntryId} {StreamId} {EventCount} event(s)]";
}
