namespace GridTokenX.Grains.Abstractions.CacheWarming;

public static class CacheWarmers
{
    /// <summary>The key of the one <see cref="ICacheWarmingCoordinatorGrain"/>.</summary>
    public const string CoordinatorKey = "cluster";

    /// <summary>How many runs each task keeps (history route, success rate).</summary>
    public const int HistoryCapacity = 100;

    public static ICacheWarmingCoordinatorGrain GetCacheWarmingCoordinator(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ICacheWarmingCoordinatorGrain>(CoordinatorKey);
    }
}
