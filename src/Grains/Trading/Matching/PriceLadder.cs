namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// The active price levels of one book side. "Better" means higher for bids and lower for asks;
/// every query is phrased in those terms so the engine never branches on side.
/// </summary>
internal abstract class PriceLadder(bool isBid)
{
    public bool IsBid { get; } = isBid;

    public int LevelCount { get; protected set; }

    /// <summary>Best non-empty level in O(1), or null.</summary>
    public abstract PriceLevel? Best { get; }

    /// <summary>Returns the level for <paramref name="price"/>, activating it if needed; the caller must append to it.</summary>
    public abstract PriceLevel GetOrAdd(long price);

    /// <summary>Deactivates a level that has just become empty.</summary>
    public abstract void RemoveEmpty(PriceLevel level);

    /// <summary>The next active level after <paramref name="level"/> in priority order, or null.</summary>
    public abstract PriceLevel? NextWorse(PriceLevel level);

    public static PriceLadder Create(MatchingEngineOptions options, bool isBid)
    {
        // Int128 because MaxPrice - MinPrice can overflow long for extreme bounds.
        Int128 range = (Int128)options.MaxPrice - options.MinPrice + 1;
        return range <= options.MaxDenseLevels && range <= int.MaxValue
            ? new DensePriceLadder(options.MinPrice, (int)range, isBid)
            : new SortedPriceLadder(isBid);
    }
}
