using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>An order as held in a snapshot.</summary>
[GenerateSerializer]
[Alias("gtx.trading.stored.OrderRecord")]
public sealed record OrderRecord(
    [property: Id(0)] long Number,
    [property: Id(1)] string UserId,
    [property: Id(2)] string? ClientOrderId,
    [property: Id(3)] OrderSide Side,
    [property: Id(4)] OrderType Type,
    [property: Id(5)] TimeInForce TimeInForce,
    [property: Id(6)] long PriceTicks,
    [property: Id(7)] long QuantityLots,
    [property: Id(8)] long FilledLots,
    [property: Id(9)] long NotionalTickLots,
    [property: Id(10)] OrderStatus Status,
    [property: Id(11)] CancelReason CancelReason,
    [property: Id(12)] long CreatedAtMs,
    [property: Id(13)] long UpdatedAtMs,
    [property: Id(14)] int ArrivalTradeIndex,
    [property: Id(15)] int ArrivalTradeCount,
    [property: Id(16)] decimal? FeeRate = null);
