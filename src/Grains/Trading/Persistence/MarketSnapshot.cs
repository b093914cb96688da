namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>
/// A market's counters at a checkpoint. The resting orders are stored one by one beside it (updated only where
/// they changed) and the final orders and trades in <see cref="MarketHistorySegment"/>s, so writing a checkpoint
/// costs what changed since the previous one, not the size of the book or the age of the market.
/// </summary>
/// <param name="RestingCount">How many resting orders the checkpoint has (a check on what is loaded).</param>
/// <param name="TradeCount">Trades executed up to this checkpoint: the first <paramref name="TradesBefore"/> were trimmed,
/// the rest are in the retained history segments.</param>
/// <param name="HistorySegments">How many history segments were ever written up to and including this checkpoint's; the
/// first <paramref name="SegmentsBefore"/> were trimmed, the rest are in the journal.</param>
/// <param name="LastTimestampMs">The clock reading of the last command, so timestamps never go backwards after a restore.</param>
/// <param name="ReadModelPosition">The read model durably held every change up to this sequence (0: nothing known).</param>
/// <param name="SettledTrades">Settlement had settled every trade numbered up to this (0: nothing known).</param>
/// <param name="SegmentsBefore">History segments trimmed (the read model holds them); 0 in snapshots from before trimming.</param>
/// <param name="TradesBefore">Trades in the trimmed segments: the first retained trade is number TradesBefore + 1.</param>
/// <param name="LastTrimmedTrade">The newest trade trimmed, so the ticker's last price and 24-hour reference survive a restore.</param>
[GenerateSerializer]
[Alias("gtx.trading.stored.MarketSnapshot")]
public sealed record MarketSnapshot(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Sequence,
    [property: Id(2)] long NextOrderNumber,
    [property: Id(3)] int RestingCount,
    [property: Id(4)] int TradeCount,
    [property: Id(5)] int HistorySegments,
    [property: Id(6)] long LastTimestampMs,
    [property: Id(7)] long ReadModelPosition = 0,
    [property: Id(8)] long SettledTrades = 0,
    [property: Id(9)] int SegmentsBefore = 0,
    [property: Id(10)] int TradesBefore = 0,
    [property: Id(11)] TradeRecord? LastTrimmedTrade = null);
