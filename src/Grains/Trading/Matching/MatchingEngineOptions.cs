namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// Price bounds (inclusive, in ticks) of one instrument. When the range holds at most
/// <see cref="MaxDenseLevels"/> ticks the engine indexes levels directly by tick offset
/// (O(1) level lookup); otherwise it falls back to a sorted array of active levels.
/// </summary>
public sealed record MatchingEngineOptions(long MinPrice, long MaxPrice)
{
    /// <summary>Largest tick range served by the dense ladder. Level slots are allocated lazily in pages,
    /// and the bitmap costs about 1 bit per tick per side, so ranges of a few million ticks stay cheap.</summary>
    public long MaxDenseLevels { get; init; } = 1L << 20;

    /// <summary>Pre-sizes the id index so steady-state placing does not rehash.</summary>
    public int InitialOrderCapacity { get; init; } = 1024;
}
