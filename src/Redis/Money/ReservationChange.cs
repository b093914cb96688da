namespace GridTokenX.Redis.Money;

/// <summary>
/// Changes what an account holds reserved for one order. A positive <paramref name="Delta"/> opens (or grows) the
/// reservation; a negative one spends or releases part of it; at zero the reservation is gone. The record is what the
/// reservation sweeper checks against the order books (<see cref="IMoneyStore.ClaimDueReservationsAsync"/>).
/// </summary>
public sealed record ReservationChange(string AccountId, string OrderId, string Asset, decimal Delta);
