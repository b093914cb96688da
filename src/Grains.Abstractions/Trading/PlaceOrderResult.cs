namespace GridTokenX.Grains.Abstractions.Trading;

/// <param name="Trades">The fills this order made on arrival (also for a duplicate: the original's arrival fills).</param>
/// <param name="Error">Why a rejected command was refused, keyed by the request field it concerns.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.trading.PlaceOrderResult")]
public sealed record PlaceOrderResult(
    [property: Id(0)] PlaceOrderOutcome Outcome,
    [property: Id(1)] Order? Order,
    [property: Id(2)] IReadOnlyList<Trade> Trades,
    [property: Id(3)] FieldError? Error = null);
