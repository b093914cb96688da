using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Redis.Money;
using Orleans.Concurrency;

namespace GridTokenX.Grains.Accounts;

/// <summary>
/// An account's entry point; it holds no state of its own (the money store does), so reads and deposits may run
/// interleaved and any number of activations would still agree. Deposits serialize on the account's lock instead.
/// </summary>
[GrainType("account")]
[Reentrant]
public sealed class AccountGrain(IMoneyStore store, Deposits deposits) : Grain, IAccountGrain
{
    public const int MaxLedgerPage = 1000;

    public Task<AccountView> GetAccount() => Unavailable(() => deposits.ViewAsync(this.GetPrimaryKeyString(), CancellationToken.None));

    public Task<IReadOnlyList<LedgerLine>> GetLedger(string? asset, int limit, long? beforeEntryId) => Unavailable(async () =>
    {
        if (asset is not null && !Assets.IsKnown(asset)) throw new ArgumentException($"Unknown asset '{asset}'.", nameof(asset));
        var entries = await store.GetLedgerAsync(this.GetPrimaryKeyString(), asset, Math.Clamp(limit, 1, MaxLedgerPage), beforeEntryId,
            CancellationToken.None);
        return (IReadOnlyList<LedgerLine>)[.. entries.Select(e => new LedgerLine(e.EntryId, e.Asset, e.Kind, e.AvailableDelta, e.ReservedDelta,
            e.AvailableAfter, e.ReservedAfter, e.Reference, e.At))];
    });

    public Task<DepositResult> Deposit(DepositCommand command) => deposits.DepositAsync(this.GetPrimaryKeyString(), command, CancellationToken.None);

    private static async Task<T> Unavailable<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (MoneyStoreUnavailableException ex)
        {
            throw new MoneyUnavailableException("The money store is not reachable right now; retry shortly. (" + ex.GetType().Name + ")");
        }
    }
}
