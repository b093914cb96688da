using System.Globalization;
using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Accounts;

/// <summary>
/// Admin deposits: validated, written once per deposit id under the account's lock, with the lock's fencing token
/// carried into the write so a holder whose lock expired mid-way can change nothing. Plain code; the grain only calls it.
/// </summary>
public sealed class Deposits(IMoneyStore store, IDistributedLock locks, TimeProvider time)
{
    /// <summary>How long a deposit waits for the account's lock before the caller is told to retry (503).</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(3);

    public async Task<DepositResult> DepositAsync(string accountId, DepositCommand command, CancellationToken cancellationToken)
    {
        if (DepositRules.Check(command) is { } error) return new DepositResult(DepositOutcome.Invalid, null, null, error);
        if (accountId == AccountIds.Fees || !AccountIds.IsUserId(accountId))
            return new DepositResult(DepositOutcome.Invalid, null, null, new FieldError("user_id", "Deposits go to user accounts only."));

        var operationId = OperationId(command.DepositId);
        var fingerprint = Fingerprint(accountId, command);
        try
        {
            // A repeat needs no lock: answered from what is stored, also while the lock nodes are down.
            if (await store.GetOperationResultAsync(operationId, cancellationToken) is { } stored)
                return await Repeat(DepositJson.Read(stored), fingerprint, cancellationToken);

            await using var handle = await locks.AcquireAsync(LockResources.Account(accountId), LockWait, cancellationToken);
            if (handle is null) return new DepositResult(DepositOutcome.Unavailable, null, null);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, handle.Lost);

            var deposit = new DepositRecord(command.DepositId, accountId, command.Asset, command.Amount, MoneyFormat.Truncate(time.GetUtcNow()));
            var write = new MoneyWrite(operationId, fingerprint,
                [new MoneyLeg(accountId, command.Asset, LedgerKinds.Deposit, command.Amount, 0m, command.DepositId)],
                [new FenceCheck(accountId, handle.Resource, handle.FencingToken)], [],
                new Dictionary<string, decimal> { [command.Asset] = command.Amount }, DepositJson.Write(deposit), deposit.CreatedAt);
            var result = (await store.ApplyAsync([write], linked.Token))[0];
            return result.Status switch
            {
                MoneyWriteStatus.Applied => new DepositResult(DepositOutcome.Created, deposit, await ViewAsync(accountId, cancellationToken)),
                MoneyWriteStatus.Duplicate or MoneyWriteStatus.Conflict => await Repeat(DepositJson.Read(result.Result!), fingerprint, cancellationToken),
                // A newer holder of the lock exists: ours was lost. Nothing was written; the caller retries.
                _ => new DepositResult(DepositOutcome.Unavailable, null, null),
            };
        }
        catch (MoneyStoreUnavailableException)
        {
            return new DepositResult(DepositOutcome.Unavailable, null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The lock was lost while the write was in flight: whether it landed is unknown, and a retry is safe.
            return new DepositResult(DepositOutcome.Unavailable, null, null);
        }
    }

    public async Task<AccountView> ViewAsync(string accountId, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetAccountAsync(accountId, cancellationToken);
        return new AccountView(accountId,
            snapshot.Balances.ToDictionary(b => b.Key, b => new AssetAmounts(b.Value.Available, b.Value.Reserved), StringComparer.Ordinal),
            snapshot.UpdatedAt);
    }

    public static string OperationId(string depositId) => "deposit:" + depositId;

    // The same deposit is the same account, asset and amount; 100 and 100.00 are the same amount.
    public static string Fingerprint(string accountId, DepositCommand command) =>
        string.Join('|', accountId, command.Asset, (command.Amount / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));

    private async Task<DepositResult> Repeat(DepositRecord original, string fingerprint, CancellationToken cancellationToken)
    {
        var same = Fingerprint(original.UserId, new DepositCommand(original.Asset, original.Amount, original.DepositId)) == fingerprint;
        return same
            ? new DepositResult(DepositOutcome.Duplicate, original, await ViewAsync(original.UserId, cancellationToken))
            : new DepositResult(DepositOutcome.Conflict, original, null);
    }
}
