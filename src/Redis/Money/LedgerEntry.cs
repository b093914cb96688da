namespace GridTokenX.Redis.Money;

/// <summary>
/// One line of an account's append-only ledger. <see cref="EntryId"/> counts up from 1 per account, so paging
/// "before" an entry is a range read. Summing an account's deltas from zero gives its balances.
/// </summary>
public sealed record LedgerEntry(
    long EntryId,
    string Asset,
    string Kind,
    decimal AvailableDelta,
    decimal ReservedDelta,
    decimal AvailableAfter,
    decimal ReservedAfter,
    string Reference,
    DateTimeOffset At);
