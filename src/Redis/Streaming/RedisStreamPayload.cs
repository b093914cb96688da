using Orleans.Runtime;

namespace GridTokenX.Redis.Streaming;

/// <summary>
/// What one Redis Stream entry holds (field <c>d</c>, Orleans' version-tolerant encoding). <paramref name="BatchId"/>
/// is chosen by the producer, so every copy of the entry (a redelivery) carries the same event ids.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.streams.RedisStreamPayload")]
public sealed record RedisStreamPayload(
    [property: Id(0)] Guid BatchId,
    [property: Id(1)] StreamId StreamId,
    [property: Id(2)] List<object> Events,
    [property: Id(3)] Dictionary<string, object>? RequestContext);
