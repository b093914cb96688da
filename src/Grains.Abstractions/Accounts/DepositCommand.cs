namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>An admin deposit into the account of the grain it is sent to (<see cref="DepositRules"/> say what is valid).</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.DepositCommand")]
public sealed record DepositCommand([property: Id(0)] string Asset, [property: Id(1)] decimal Amount, [property: Id(2)] string DepositId);
