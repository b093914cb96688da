using GridTokenX.Redis.Caching;

namespace GridTokenX.ApiHost.CacheWarming;

/// <summary><c>GET /api/v1/admin/cache</c>: this API host's reads since it started; <c>by_prefix</c> is per view (the key's first segment).</summary>
public sealed record CacheStatsResponse(long Hits, long Misses, double? HitRate, IReadOnlyDictionary<string, CachePrefixResponse> ByPrefix, long Evictions,
    StalenessResponse StalenessMs)
{
    public static CacheStatsResponse From(CacheStatistics s) => new(s.Hits, s.Misses, s.HitRate,
        s.ByView.ToDictionary(v => v.Key, v => new CachePrefixResponse(v.Value.Hits, v.Value.Misses, v.Value.HitRate), StringComparer.Ordinal),
        s.Evictions, new StalenessResponse(s.StalenessP50Ms, s.StalenessP99Ms));
}

public sealed record CachePrefixResponse(long Hits, long Misses, double? HitRate);

public sealed record StalenessResponse(double? P50, double? P99);
