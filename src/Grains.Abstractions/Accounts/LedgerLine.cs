namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>One ledger entry (API.md "Accounts"): ids count from 1 per account; summing the deltas gives the balances.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.accounts.LedgerLine")]
public sealed record LedgerLine(
    [property: Id(0)] long EntryId,
    [property: Id(1)] string Asset,
    [property: Id(2)] string Kind,
    [property: Id(3)] decimal AvailableDelta,
    [property: Id(4)] decimal ReservedDelta,
    [property: Id(5)] decimal AvailableAfter,
    [property: Id(6)] decimal ReservedAfter,
    [property: Id(7)] string Reference,
    [property: Id(8)] DateTimeOffset At);
