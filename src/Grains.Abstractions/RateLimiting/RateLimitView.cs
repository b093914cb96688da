namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>The admin view of one key on one policy (API.md); <paramref name="Limit"/> is the effective quota.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitView")]
public sealed record RateLimitView(
    [property: Id(0)] RateLimitStrategy Strategy,
    [property: Id(1)] long Limit,
    [property: Id(2)] long Remaining,
    [property: Id(3)] long ResetSeconds,
    [property: Id(4)] DateTimeOffset? BlockedUntil,
    [property: Id(5)] int Violations,
    [property: Id(6)] RateLimitOverride? Override);
