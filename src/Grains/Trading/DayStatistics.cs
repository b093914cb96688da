namespace GridTokenX.Grains.Trading;

/// <summary>A market's figures for the 24 hours before a moment, in ticks and lots.</summary>
/// <param name="VolumeLots">Quantity traded in the window (0 when none).</param>
/// <param name="HighTicks">Highest price traded in the window; null when the window holds no trade.</param>
/// <param name="LowTicks">Lowest price traded in the window; null when the window holds no trade.</param>
/// <param name="LastTicks">Price of the latest trade, in the window or not; null when the market never traded.</param>
/// <param name="ReferenceTicks">
/// What the 24-hour change is measured from: the last trade before the window opened, or the first trade when none
/// is that old yet; null when the market never traded.
/// </param>
public readonly record struct DayStatistics(long VolumeLots, long? HighTicks, long? LowTicks, long? LastTicks, long? ReferenceTicks);
