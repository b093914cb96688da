namespace GridTokenX.Redis.Money;

/// <summary>One change to one asset of one account; becomes one ledger entry.</summary>
public sealed record MoneyLeg(string AccountId, string Asset, string Kind, decimal AvailableDelta, decimal ReservedDelta, string Reference);
