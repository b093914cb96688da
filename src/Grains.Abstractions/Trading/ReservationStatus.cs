namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.ReservationStatus")]
public enum ReservationStatus : byte
{
    /// <summary>The market never placed the order and never will: its reservation is an orphan.</summary>
    Unknown,

    /// <summary>The order is open, or being placed right now.</summary>
    Live,

    /// <summary>The order is final; <see cref="OrderReservationState.Unspent"/> is what it can no longer spend.</summary>
    Final,
}
