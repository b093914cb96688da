namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>The answer to <see cref="IRateLimiterGrain.AcquireLeasing"/>: a verdict per request, and a lease when one was asked for and could be had.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitGrant")]
public sealed record RateLimitGrant(
    [property: Id(0)] IReadOnlyList<RateLimitVerdict> Verdicts,
    [property: Id(1)] RateLimitLease? Lease);
