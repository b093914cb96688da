namespace GridTokenX.Redis.Money;

/// <summary>What an account still holds reserved for one order.</summary>
public sealed record OpenReservation(string AccountId, string OrderId, string Asset, decimal Remaining, DateTimeOffset CreatedAt);
