namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>What a market says about the order a reservation was made for.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.trading.OrderReservationState")]
public sealed record OrderReservationState(
    [property: Id(0)] string OrderId,
    [property: Id(1)] ReservationStatus Status,
    [property: Id(2)] decimal Unspent);
