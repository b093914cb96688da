using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading.Persistence;

[GenerateSerializer]
[Alias("gtx.trading.stored.PlaceCommand")]
public sealed record PlaceCommand(
    long Sequence,
    long TimestampMs,
    [property: Id(0)] long OrderNumber,
    [property: Id(1)] string UserId,
    [property: Id(2)] string? ClientOrderId,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] OrderType Type,
    [property: Id(5)] TimeInForce TimeInForce,
    [property: Id(6)] long PriceTicks,
    [property: Id(7)] long QuantityLots) : MarketCommand(Sequence, TimestampMs);
