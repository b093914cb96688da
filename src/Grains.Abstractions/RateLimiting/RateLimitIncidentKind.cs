namespace GridTokenX.Grains.Abstractions.RateLimiting;

[GenerateSerializer]
[Alias("gtx.ratelimiting.RateLimitIncidentKind")]
public enum RateLimitIncidentKind : byte
{
    /// <summary>A backoff violation started or escalated a block.</summary>
    Blocked,

    /// <summary>A fixed window (the <c>auth</c> policy) was spent.</summary>
    Spent,
}
