namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>What became immutable between two checkpoints: the orders that reached a final state, and the trades.</summary>
/// <param name="Sequence">The head of the checkpoint that wrote it: every change in it happened at or before this sequence
/// (0 in segments written before it was recorded; they count as the restoring checkpoint's head).</param>
/// <param name="LastTimestampMs">The market's clock at that checkpoint: nothing in the segment is newer (0 likewise).</param>
[GenerateSerializer]
[Alias("gtx.trading.stored.MarketHistorySegment")]
public sealed record MarketHistorySegment(
    [property: Id(0)] OrderRecord[] FinalOrders,
    [property: Id(1)] TradeRecord[] Trades,
    [property: Id(2)] long Sequence = 0,
    [property: Id(3)] long LastTimestampMs = 0);
