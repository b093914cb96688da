namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>One policy's requests allowed and refused, and the refusals by key (all of them, or the most refused).</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitCounts")]
public sealed record RateLimitCounts(
    [property: Id(0)] string Policy,
    [property: Id(1)] long Allowed,
    [property: Id(2)] long Refused,
    [property: Id(3)] IReadOnlyDictionary<string, long> RefusedByKey);
