using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Minting;

/// <summary>
/// Credits a reading's energy to its owner: under the Redlock lock on the owner's wallet, one idempotent money write
/// (<c>mint:{reading_id}</c>) carrying the lock's fencing token. The operation id, not the lock, is what makes it
/// once-only (a second activation or a retry gets Duplicate and the first mint); the lock and fence order the
/// writes to one wallet and keep a holder that lost its lock from writing at all. Plain C#: no Orleans.
/// </summary>
public sealed class Minter(IDistributedLock locks, IMoneyStore money, IOptions<MintingOptions> options, TimeProvider time)
{
    public async Task<MintAttempt> MintAsync(Reading reading, CancellationToken cancellationToken)
    {
        var handle = await locks.AcquireAsync(LockResources.Wallet(reading.UserId), options.Value.LockWait, cancellationToken);
        if (handle is null) return new MintAttempt(MintResult.Of(MintOutcome.LockUnavailable));

        MoneyWriteResult written;
        Mint mint;
        await using (handle)
        {
            if (!handle.IsHeld) return new MintAttempt(MintResult.Of(MintOutcome.LockUnavailable));
            mint = new Mint(MintingIds.MintId(reading.ReadingId), reading.ReadingId, reading.MeterId, reading.UserId, reading.Kwh,
                handle.FencingToken, time.GetUtcNow());
            try
            {
                // Not cancelled by the lock's loss: once sent, the write's fence check is what refuses a stale holder,
                // and abandoning it half-way would only turn a known outcome into an unknown one.
                written = (await money.ApplyAsync([MintWrites.For(reading, mint)], cancellationToken))[0];
            }
            catch (MoneyStoreUnavailableException)
            {
                return new MintAttempt(MintResult.Of(MintOutcome.StoreUnavailable));
            }
        }

        switch (written.Status)
        {
            case MoneyWriteStatus.Applied:
                var kwh = written.Entries.LastOrDefault(e => e.Asset == Assets.Kwh);
                return new MintAttempt(new MintResult(MintOutcome.Minted, mint, await BalancesAsync(reading.UserId, kwh, cancellationToken)),
                    kwh?.AvailableAfter);
            case MoneyWriteStatus.Duplicate:
                return new MintAttempt(MintResult.Of(MintOutcome.AlreadyMinted, MintWrites.Parse(written.Result!)));
            case MoneyWriteStatus.StaleFence:
                // A later holder of this wallet's lock exists: ours was lost before the write landed. Nothing applied.
                return new MintAttempt(MintResult.Of(MintOutcome.LockUnavailable));
            default:
                // Conflict would mean the id was used for a different reading and a mint cannot be short of funds:
                // both are bugs, not client errors.
                throw new InvalidOperationException($"Mint of reading {reading.ReadingId} was refused by the money store: {written.Status}.");
        }
    }

    /// <exception cref="MoneyStoreUnavailableException"/>
    public async Task<decimal> AvailableKwhAsync(string userId, CancellationToken cancellationToken) =>
        (await money.GetAccountAsync(userId, cancellationToken)).Balances.TryGetValue(Assets.Kwh, out var kwh) ? kwh.Available : 0m;

    // Read after the write, so other assets are current too; if the store stops answering right after the mint, the
    // mint's own ledger entry still says what it did to KWH.
    private async Task<AccountView> BalancesAsync(string userId, LedgerEntry? kwh, CancellationToken cancellationToken)
    {
        try
        {
            var account = await money.GetAccountAsync(userId, cancellationToken);
            return new AccountView(userId,
                account.Balances.ToDictionary(b => b.Key, b => new AssetAmounts(b.Value.Available, b.Value.Reserved), StringComparer.Ordinal),
                account.UpdatedAt);
        }
        catch (MoneyStoreUnavailableException)
        {
            var known = new Dictionary<string, AssetAmounts>(StringComparer.Ordinal);
            if (kwh is not null) known[Assets.Kwh] = new AssetAmounts(kwh.AvailableAfter, kwh.ReservedAfter);
            return new AccountView(userId, known, kwh?.At);
        }
    }
}
