namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>What became immutable between two checkpoints: the orders that reached a final state, and the trades.</summary>
[GenerateSerializer]
[Alias("gtx.trading.stored.MarketHistorySegment")]
public sealed record MarketHistorySegment(
    [property: Id(0)] OrderRecord[] FinalOrders,
    [property: Id(1)] TradeRecord[] Trades);
