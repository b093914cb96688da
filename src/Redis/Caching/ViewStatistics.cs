namespace GridTokenX.Redis.Caching;

/// <summary>Hits and misses of one view (the key's first segment).</summary>
public sealed record ViewStatistics(long Hits, long Misses, double? HitRate)
{
    public static ViewStatistics Of(long hits, long misses) => new(hits, misses, Rate(hits, misses));

    /// <summary>Hits over reads, rounded to 4 decimals; null with no reads.</summary>
    public static double? Rate(long hits, long misses) =>
        hits + misses == 0 ? null : Math.Round((double)hits / (hits + misses), 4);
}
