namespace GridTokenX.Grains.Abstractions.Settlement;

/// <summary>
/// A durable trade with what settling it needs from its orders: the buy's limit (what it reserved at) and each
/// order's fee rate. A null fee rate marks an order placed before accounts existed: it reserved nothing, and the
/// trade is not settled.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.settlement.SettleableTrade")]
public sealed record SettleableTrade(
    [property: Id(0)] long Number,
    [property: Id(1)] string TradeId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] decimal Price,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] string BuyOrderId,
    [property: Id(6)] string SellOrderId,
    [property: Id(7)] string BuyerId,
    [property: Id(8)] string SellerId,
    [property: Id(9)] decimal BuyLimit,
    [property: Id(10)] decimal? BuyFeeRate,
    [property: Id(11)] decimal? SellFeeRate,
    [property: Id(12)] DateTimeOffset ExecutedAt)
{
    public bool IsFunded => BuyFeeRate is not null && SellFeeRate is not null;
}
