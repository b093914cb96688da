namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>The <c>auth</c> policy of the client IP <paramref name="Key"/>, to be checked without charging it.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitAuthCheck")]
public sealed record RateLimitAuthCheck([property: Id(0)] string Key, [property: Id(1)] RateLimitPolicy Policy);
