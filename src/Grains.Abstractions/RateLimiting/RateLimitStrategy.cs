namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>The four strategies of API.md's policies.</summary>
[GenerateSerializer]
[Alias("gtx.ratelimiting.RateLimitStrategy")]
public enum RateLimitStrategy : byte
{
    SlidingWindow,
    TokenBucket,
    FixedWindow,
    ExponentialBackoff,
}
