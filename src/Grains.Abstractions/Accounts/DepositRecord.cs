namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>A deposit as it was applied (API.md "Accounts": <c>deposit</c>); repeats get this same record back.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.DepositRecord")]
public sealed record DepositRecord(
    [property: Id(0)] string DepositId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Asset,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] DateTimeOffset CreatedAt);
