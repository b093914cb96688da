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

    /// <summary>
    /// Publish market events (order, trade, book updates) to Orleans streams. Off by default until the WebSocket
    /// path consumes them: on this 2-core machine deriving and producing them on the market's turn costs more than
    /// matching and journaling together (docs/benchmarks.md, "Market events").
    /// </summary>
    public bool PublishEvents { get; set; }

}
