namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// GCRA's theoretical arrival time (UTC ticks): when the bucket would be full again if nothing more were taken. At or
/// before now, the bucket is full; 0 (a new key) is long past.
/// </summary>
[GenerateSerializer]
[Alias("gtx.ratelimiting.stored.TokenBucketState")]
public sealed class TokenBucketState
{
    [Id(0)]
    public long FullAt { get; set; }
}
