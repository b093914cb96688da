namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.Order")]
public sealed record Order(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string? ClientOrderId,
    [property: Id(2)] string UserId,
    [property: Id(3)] string Symbol,
    [property: Id(4)] OrderSide Side,
    [property: Id(5)] OrderType Type,
    [property: Id(6)] TimeInForce TimeInForce,
    [property: Id(7)] decimal? Price,
    [property: Id(8)] decimal Quantity,
    [property: Id(9)] decimal FilledQuantity,
    [property: Id(10)] decimal RemainingQuantity,
    [property: Id(11)] decimal? AveragePrice,
    [property: Id(12)] OrderStatus Status,
    [property: Id(13)] CancelReason CancelReason,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt)
{
    public bool IsFinal => Status is OrderStatus.Filled or OrderStatus.Cancelled;
}
