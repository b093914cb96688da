namespace GridTokenX.Grains.Abstractions.Accounts;

/// <summary>
/// One account (key: the user id, or <see cref="AccountIds.Fees"/>): its balances and ledger, and admin deposits.
/// The balances live in the money store, not in the grain, so any activation anywhere sees the same account.
/// </summary>
[Alias("gtx.accounts.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <exception cref="MoneyUnavailableException"/>
    [Alias("GetAccount")]
    Task<AccountView> GetAccount();

    /// <summary>Newest first; only entries older than <paramref name="beforeEntryId"/> when given; only <paramref name="asset"/> when given.</summary>
    /// <exception cref="MoneyUnavailableException"/>
    [Alias("GetLedger")]
    Task<IReadOnlyList<LedgerLine>> GetLedger(string? asset, int limit, long? beforeEntryId);

    /// <summary>Credits the account once per deposit id, under the account's lock with its fencing token.</summary>
    [Alias("Deposit")]
    Task<DepositResult> Deposit(DepositCommand command);
}
