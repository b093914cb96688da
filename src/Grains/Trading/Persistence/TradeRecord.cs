using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading.Persistence;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.stored.TradeRecord")]
public sealed record TradeRecord(
    [property: Id(0)] long Number,
    [property: Id(1)] long PriceTicks,
    [property: Id(2)] long QuantityLots,
    [property: Id(3)] long BuyOrderNumber,
    [property: Id(4)] long SellOrderNumber,
    [property: Id(5)] string BuyerId,
    [property: Id(6)] string SellerId,
    [property: Id(7)] OrderSide MakerSide,
    [property: Id(8)] long TimestampMs);
