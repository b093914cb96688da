namespace GridTokenX.Redis.Money;

/// <summary>The outcome of a <see cref="MoneyWrite"/>.</summary>
/// <param name="Result">On Applied the write's own result; on Duplicate and Conflict the original operation's.</param>
/// <param name="Entries">The ledger entries the write made (Applied only).</param>
/// <param name="FailedAccount">The account whose balance, reservation or fence refused the write.</param>
/// <param name="FailedAsset">The asset that was short (InsufficientFunds).</param>
public sealed record MoneyWriteResult(
    MoneyWriteStatus Status,
    string? Result,
    IReadOnlyList<LedgerEntry> Entries,
    string? FailedAccount = null,
    string? FailedAsset = null);
