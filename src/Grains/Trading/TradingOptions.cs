namespace GridTokenX.Grains.Trading;

/// <summary>Bound from <c>GridTokenX:Trading</c>.</summary>
public sealed class TradingOptions
{
    public const string Section = "GridTokenX:Trading";

    /// <summary>
    /// A snapshot is written with the journal batch once this many commands have been journaled since the last
    /// one, which bounds how much an activation replays.
    /// </summary>
    public int SnapshotEvery { get; set; } = 5_000;

}
