namespace GridTokenX.Redis.Money;

/// <summary>
/// Every account's balances, ledger, applied operation ids, accepted fencing tokens and open reservations, plus the
/// system-wide totals of the conservation invariant. Each <see cref="MoneyWrite"/> is applied atomically and
/// durably (one Redis script; in standalone mode one lock in memory), so no reader ever sees half of a settlement
/// and the totals match the accounts at every instant.
/// </summary>
public interface IMoneyStore
{
    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<AccountSnapshot> GetAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Newest first; entries older than <paramref name="beforeEntryId"/> when given; only <paramref name="asset"/> when given.</summary>
    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string accountId, string? asset, int limit, long? beforeEntryId, CancellationToken cancellationToken);

    /// <summary>Applies each write atomically, in order; one write's refusal does not stop the next.</summary>
    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<IReadOnlyList<MoneyWriteResult>> ApplyAsync(IReadOnlyList<MoneyWrite> writes, CancellationToken cancellationToken);

    /// <summary>The stored result of an operation, or null when it was never applied.</summary>
    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<string?> GetOperationResultAsync(string operationId, CancellationToken cancellationToken);

    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<MoneyTotals> GetTotalsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> open reservations not checked since <paramref name="checkedBefore"/> (a new
    /// reservation counts as checked when it was made); each returned one counts as checked at <paramref name="now"/>,
    /// so concurrent sweepers share the work.
    /// </summary>
    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<IReadOnlyList<OpenReservation>> ClaimDueReservationsAsync(DateTimeOffset checkedBefore, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Every account id that has ever been written (admin views and the conservation test).</summary>
    /// <exception cref="MoneyStoreUnavailableException"/>
    Task<IReadOnlyList<string>> GetAccountIdsAsync(CancellationToken cancellationToken);
}
