namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>
/// A market's counters at a checkpoint. The resting orders are stored one by one beside it (updated only where
/// they changed) and the final orders and trades in <see cref="MarketHistorySegment"/>s, so writing a checkpoint
/// costs what changed since the previous one, not the size of the book or the age of the market.
/// </summary>
/// <param name="RestingCount">How many resting orders the checkpoint has (a check on what is loaded).</param>
/// <param name="TradeCount">Trades executed up to this checkpoint (all of them are in the history segments).</param>
/// <param name="HistorySegments">How many history segments exist up to and including this checkpoint's.</param>
/// <param name="LastTimestampMs">The clock reading of the last command, so timestamps never go backwards after a restore.</param>
[GenerateSerializer]
[Alias("gtx.trading.stored.MarketSnapshot")]
public sealed record MarketSnapshot(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Sequence,
    [property: Id(2)] long NextOrderNumber,
    [property: Id(3)] int RestingCount,
    [property: Id(4)] int TradeCount,
    [property: Id(5)] int HistorySegments,
    [property: Id(6)] long LastTimestampMs);
