namespace GridTokenX.Grains.Abstractions.RateLimiting;

public static class RateLimiters
{
    /// <summary>The key of the cluster's one statistics grain.</summary>
    public const string StatisticsKey = "cluster";

    public static IRateLimiterGrain GetRateLimiter(this IGrainFactory grains, string key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRateLimiterGrain>(key);
    }

    public static IRateLimitStatisticsGrain GetRateLimitStatistics(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRateLimitStatisticsGrain>(StatisticsKey);
    }
}
