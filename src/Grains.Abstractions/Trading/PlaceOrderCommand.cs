namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>A validated request to place an order; prices and quantities are exact decimals on the market's grid.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.trading.PlaceOrderCommand")]
public sealed record PlaceOrderCommand(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] OrderSide Side,
    [property: Id(3)] OrderType Type,
    [property: Id(4)] TimeInForce TimeInForce,
    [property: Id(5)] decimal? Price,
    [property: Id(6)] decimal Quantity,
    [property: Id(7)] string? ClientOrderId);
