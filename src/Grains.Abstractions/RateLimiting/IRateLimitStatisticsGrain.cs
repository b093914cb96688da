namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// The cluster's rate-limit statistics: every API host adds what it counted since its last flush, and the admin route
/// reads the sums. Kept in memory: it restarts from zero with its silo (the per-host metrics are the lasting record).
/// </summary>
[Alias("gtx.ratelimiting.IRateLimitStatisticsGrain")]
public interface IRateLimitStatisticsGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(IReadOnlyList<RateLimitCounts> counts);

    /// <summary>Per policy: allowed, refused and the <paramref name="top"/> most refused keys.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<RateLimitCounts>> Read(int top);
}
