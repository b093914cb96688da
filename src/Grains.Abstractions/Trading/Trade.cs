namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.Trade")]
public sealed record Trade(
    [property: Id(0)] string TradeId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] decimal Price,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] string BuyOrderId,
    [property: Id(5)] string SellOrderId,
    [property: Id(6)] string BuyerId,
    [property: Id(7)] string SellerId,
    [property: Id(8)] OrderSide MakerSide,
    [property: Id(9)] DateTimeOffset ExecutedAt);
