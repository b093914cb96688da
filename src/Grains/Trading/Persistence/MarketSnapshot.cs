namespace GridTokenX.Grains.Trading.Persistence;

/// <param name="Orders">Every order, in order of arrival.</param>
/// <param name="RestingInPriorityOrder">Numbers of the resting orders, best first per side, FIFO within a level.</param>
[GenerateSerializer]
public sealed record MarketSnapshot(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long Sequence,
    [property: Id(2)] long NextOrderNumber,
    [property: Id(3)] OrderRecord[] Orders,
    [property: Id(4)] long[] RestingInPriorityOrder,
    [property: Id(5)] TradeRecord[] Trades);
