namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// A key's own parameters for one policy (a market maker's higher limit): <c>{limit, window_seconds}</c> for windows
/// and backoff, <c>{burst, refill_per_second}</c> for buckets. A null keeps the policy's value.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitOverride")]
public sealed record RateLimitOverride(
    [property: Id(0)] int? Limit = null,
    [property: Id(1)] TimeSpan? Window = null,
    [property: Id(2)] int? Burst = null,
    [property: Id(3)] double? RefillPerSecond = null);
