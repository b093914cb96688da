namespace GridTokenX.Redis.Money;

/// <summary>
/// Standalone mode's money store: the same semantics as <see cref="RedisMoneyStore"/> (both pass one contract test),
/// in this process's memory under one lock, with C#'s exact decimals. Nothing survives the process.
/// </summary>
public sealed class InMemoryMoneyStore : IMoneyStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, string Result)> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Order), Reservation> _reservations = [];
    private readonly Dictionary<string, decimal> _totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _sources = new(StringComparer.Ordinal);

    public Task<AccountSnapshot> GetAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _accounts.TryGetValue(accountId, out var account);
            var balances = Assets.All.ToDictionary(a => a, a => account?.Balances.GetValueOrDefault(a) ?? AssetBalance.Zero, StringComparer.Ordinal);
            return Task.FromResult(new AccountSnapshot(accountId, balances, account?.UpdatedAt));
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(string accountId, string? asset, int limit, long? beforeEntryId,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (asset is not null && !Assets.IsKnown(asset)) throw new ArgumentException($"Unknown asset '{asset}'.", nameof(asset));
        lock (_lock)
        {
            var page = new List<LedgerEntry>();
            if (!_accounts.TryGetValue(accountId, out var account)) return Task.FromResult<IReadOnlyList<LedgerEntry>>(page);
            var top = (int)Math.Min(account.Ledger.Count, (beforeEntryId ?? long.MaxValue) - 1);
            for (var i = top - 1; i >= 0 && page.Count < limit; i--)
            {
                if (asset is null || account.Ledger[i].Asset == asset) page.Add(account.Ledger[i]);
            }

            return Task.FromResult<IReadOnlyList<LedgerEntry>>(page);
        }
    }

    public Task<IReadOnlyList<MoneyWriteResult>> ApplyAsync(IReadOnlyList<MoneyWrite> writes, CancellationToken cancellationToken)
    {
        MoneyWriteChecks.Validate(writes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<MoneyWriteResult>>([.. writes.Select(Apply)]);
        }
    }

    public Task<string?> GetOperationResultAsync(string operationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_operations.TryGetValue(operationId, out var op) ? op.Result : null);
        }
    }

    public Task<MoneyTotals> GetTotalsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(new MoneyTotals(
                Assets.All.ToDictionary(a => a, a => _totals.GetValueOrDefault(a), StringComparer.Ordinal),
                Assets.All.ToDictionary(a => a, a => _sources.GetValueOrDefault(a), StringComparer.Ordinal)));
        }
    }

    public Task<IReadOnlyList<OpenReservation>> ClaimDueReservationsAsync(DateTimeOffset checkedBefore, DateTimeOffset now, int max,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var before = MoneyFormat.Truncate(checkedBefore);
        lock (_lock)
        {
            var due = _reservations.Where(r => r.Value.CheckedAt < before)
                .OrderBy(r => r.Value.CheckedAt).ThenBy(r => MoneyKeys.ReservationField(r.Key.Account, r.Key.Order), StringComparer.Ordinal)
                .Take(max).ToList();
            var claimed = new List<OpenReservation>(due.Count);
            foreach (var (key, reservation) in due)
            {
                reservation.CheckedAt = MoneyFormat.Truncate(now);
                claimed.Add(new OpenReservation(key.Account, key.Order, reservation.Asset, reservation.Remaining, reservation.CreatedAt));
            }

            return Task.FromResult<IReadOnlyList<OpenReservation>>(claimed);
        }
    }

    public Task<IReadOnlyList<string>> GetAccountIdsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _accounts.Keys.Order(StringComparer.Ordinal)]);
        }
    }

    private MoneyWriteResult Apply(MoneyWrite write)
    {
        if (_operations.TryGetValue(write.OperationId, out var earlier))
        {
            var status = earlier.Fingerprint == write.Fingerprint ? MoneyWriteStatus.Duplicate : MoneyWriteStatus.Conflict;
            return new MoneyWriteResult(status, earlier.Result, []);
        }

        foreach (var fence in write.Fences)
        {
            if (_accounts.TryGetValue(fence.AccountId, out var held) && held.Fences.TryGetValue(fence.Resource, out var seen) && seen > fence.Token)
                return new MoneyWriteResult(MoneyWriteStatus.StaleFence, null, [], fence.AccountId);
        }

        // Everything is worked out on copies first: a refused write leaves no trace.
        var balances = new Dictionary<(string Account, string Asset), AssetBalance>();
        var afters = new List<AssetBalance>(write.Legs.Count);
        foreach (var leg in write.Legs)
        {
            var key = (leg.AccountId, leg.Asset);
            if (!balances.TryGetValue(key, out var balance))
                balance = _accounts.TryGetValue(leg.AccountId, out var a) ? a.Balances.GetValueOrDefault(leg.Asset) ?? AssetBalance.Zero : AssetBalance.Zero;
            balance = new AssetBalance(balance.Available + leg.AvailableDelta, balance.Reserved + leg.ReservedDelta);
            if (balance.Available < 0 || balance.Reserved < 0)
                return new MoneyWriteResult(MoneyWriteStatus.InsufficientFunds, null, [], leg.AccountId, leg.Asset);
            balances[key] = balance;
            afters.Add(balance);
        }

        var at = MoneyFormat.Truncate(write.At);
        var records = new Dictionary<(string Account, string Order), (string Asset, decimal Remaining, DateTimeOffset CreatedAt, bool Existed)>();
        foreach (var change in write.Reservations)
        {
            var key = (change.AccountId, change.OrderId);
            if (!records.TryGetValue(key, out var record))
            {
                record = _reservations.TryGetValue(key, out var r)
                    ? (r.Asset, r.Remaining, r.CreatedAt, true)
                    : (change.Asset, 0m, at, false);
            }

            record.Remaining += change.Delta;
            if (record.Remaining < 0)
                return new MoneyWriteResult(MoneyWriteStatus.InsufficientFunds, null, [], change.AccountId, record.Asset);
            records[key] = record;
        }

        foreach (var fence in write.Fences) AccountFor(fence.AccountId, at).Fences[fence.Resource] = fence.Token;
        foreach (var ((accountId, asset), balance) in balances) AccountFor(accountId, at).Balances[asset] = balance;
        var entries = new List<LedgerEntry>(write.Legs.Count);
        for (var i = 0; i < write.Legs.Count; i++)
        {
            var leg = write.Legs[i];
            var account = AccountFor(leg.AccountId, at);
            var entry = new LedgerEntry(account.Ledger.Count + 1, leg.Asset, leg.Kind, leg.AvailableDelta, leg.ReservedDelta,
                afters[i].Available, afters[i].Reserved, leg.Reference, at);
            account.Ledger.Add(entry);
            entries.Add(entry);
            _totals[leg.Asset] = _totals.GetValueOrDefault(leg.Asset) + leg.AvailableDelta + leg.ReservedDelta;
        }

        foreach (var (key, record) in records)
        {
            AccountFor(key.Account, at);
            if (record.Remaining == 0) _reservations.Remove(key);
            else if (record.Existed) _reservations[key].Remaining = record.Remaining;
            else _reservations[key] = new Reservation(record.Asset, record.CreatedAt) { Remaining = record.Remaining, CheckedAt = record.CreatedAt };
        }

        foreach (var (asset, amount) in write.Sources) _sources[asset] = _sources.GetValueOrDefault(asset) + amount;
        _operations[write.OperationId] = (write.Fingerprint, write.Result);
        return new MoneyWriteResult(MoneyWriteStatus.Applied, write.Result, entries);
    }

    private Account AccountFor(string accountId, DateTimeOffset at)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) _accounts[accountId] = account = new Account();
        account.UpdatedAt = at;
        return account;
    }

    private sealed class Account
    {
        public Dictionary<string, AssetBalance> Balances { get; } = new(StringComparer.Ordinal);
        public List<LedgerEntry> Ledger { get; } = [];
        public Dictionary<string, long> Fences { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset? UpdatedAt { get; set; }
    }

    private sealed class Reservation(string asset, DateTimeOffset createdAt)
    {
        public string Asset { get; } = asset;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public decimal Remaining { get; set; }
        public DateTimeOffset CheckedAt { get; set; }
    }
}
