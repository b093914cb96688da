namespace GridTokenX.Grains.Abstractions.CacheWarming;

/// <summary>How often an API host read, and missed, one cache key during one reporting interval.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.cachewarming.CacheKeyAccess")]
public sealed record CacheKeyAccess(
    [property: Id(0)] string Key,
    [property: Id(1)] int Reads,
    [property: Id(2)] int Misses);
