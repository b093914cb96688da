namespace GridTokenX.Redis.Caching;

/// <summary>This host's cache reads since it started (<c>GET /api/v1/admin/cache</c>); staleness in milliseconds, null before any read.</summary>
public sealed record CacheStatistics(long Hits, long Misses, IReadOnlyDictionary<string, ViewStatistics> ByView, long Evictions,
    double? StalenessP50Ms, double? StalenessP99Ms)
{
    public double? HitRate => ViewStatistics.Rate(Hits, Misses);
}
