using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading.Persistence;

/// <param name="OrderNumber">Larger than every earlier order's; numbers a refused order took are never used.</param>
/// <param name="PriceTicks">A limit order's price; a market buy's arrival price bound (0 when none).</param>
/// <param name="FeeRate">The fee rate the order reserved for and settles at; null for orders placed before accounts
/// existed, which reserved nothing and are not settled.</param>
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
    [property: Id(7)] long QuantityLots,
    [property: Id(8)] decimal? FeeRate = null) : MarketCommand(Sequence, TimestampMs);
