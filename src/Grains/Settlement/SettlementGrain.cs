using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using Orleans.Streams;

namespace GridTokenX.Grains.Settlement;

/// <summary>
/// Settles one market's trades exactly once, in trade order. The market's journal is the source of truth: this grain
/// pulls durable trades after its stored cursor, settles a batch under Redlock locks on every account the batch
/// touches (taken in ordinal order, so two settlers never deadlock), writes each trade with the locks' fencing tokens
/// in one store round trip, and only then moves the cursor. A crash anywhere repeats at most the last batch, which
/// the store recognises by trade id. Every silo's settlement <see cref="Trading.MarketKeeper"/> wakes this grain every few seconds,
/// so it resumes within seconds on another silo when its own dies.
/// </summary>
[GrainType("settlement")]
[Reentrant]
public sealed partial class SettlementGrain(
    [PersistentState("settlement")] IPersistentState<SettlementCursor> cursor,
    IMoneyStore store,
    IDistributedLock locks,
    IOptions<SettlementOptions> options,
    TimeProvider time,
    SettlementMetrics metrics,
    ILogger<SettlementGrain> logger) : Grain, ISettlementGrain
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(50);
    private const int StoreChunk = 32;

    // Attempts of trades not yet settled, by trade number; reported by GetSettlement and stored with the settlement.
    private readonly Dictionary<long, int> _attempts = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _woken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IStreamProvider? _streams;
    private Task? _loop;

    private string Symbol => this.GetPrimaryKeyString();

    private IOrderBookGrain Book => GrainFactory.GetGrain<IOrderBookGrain>(Symbol);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _streams = ServiceProvider.GetKeyedService<IStreamProvider>(ChannelStreams.ProviderName);
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
    }

    public Task Wake()
    {
        _woken.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task<TradeSettlement?> GetSettlement(string tradeId)
    {
        if (!OrderIds.TryParseTrade(tradeId, out var symbol, out var number) || symbol != Symbol) return null;
        // Not GetTradesToSettle: that call tells the market everything before it is settled.
        var trade = await Book.GetTradeToSettle(number);
        // A trade trimmed from the market's history was settled before it was trimmed: its settlement is stored.
        if (trade is null) return number > 0 ? await ReadStored(OrderIds.Trade(Symbol, number)) : null;
        var stored = await ReadStored(trade.TradeId);
        return stored ?? TradeSettlementWrite.Pending(trade, _attempts.GetValueOrDefault(number));
    }

    private async Task<TradeSettlement?> ReadStored(string tradeId)
    {
        try
        {
            return SettlementJson.Read(await store.GetOperationResultAsync(TradeSettlementWrite.OperationId(tradeId), CancellationToken.None));
        }
        catch (MoneyStoreUnavailableException ex)
        {
            throw new MarketUnavailableException($"Settlement of {Symbol} cannot be read right now ({ex.Message}). Retry shortly.");
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var delay = FirstRetryDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var wake = _woken;
                var trades = await Book.GetTradesToSettle(cursor.State.SettledThrough, options.Value.BatchSize);
                if (trades.Count == 0)
                {
                    await Task.WhenAny(wake.Task, Task.Delay(IdlePoll, time, stopping));
                    if (wake.Task.IsCompleted) _woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    continue;
                }

                if (await SettleAsync(trades, stopping))
                {
                    cursor.State.SettledThrough = trades[^1].Number;
                    await cursor.WriteStateAsync();
                    delay = FirstRetryDelay;
                    continue;
                }
            }
            catch (InconsistentStateException ex)
            {
                // Another activation has moved the cursor: this one is stale. Stop; the next activation reads the cursor.
                LogCursorTaken(ex, Symbol);
                DeactivateOnIdle();
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                // The book is moving or recovering, or storage is down: the same trades are tried again.
                LogPassFailed(ex, Symbol);
                metrics.Retried(Symbol, "error");
            }

            try
            {
                var jitter = Random.Shared.NextDouble() * 0.5 + 0.75;
                await Task.Delay(delay * jitter, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
        }
    }

    /// <summary>One pass over a batch; true when every trade in it is settled.</summary>
    private async Task<bool> SettleAsync(IReadOnlyList<SettleableTrade> trades, CancellationToken stopping)
    {
        var funded = trades.Where(t => t.IsFunded).ToList();
        if (funded.Count < trades.Count) LogUnfunded(Symbol, trades.Count - funded.Count);
        if (funded.Count == 0) return true;
        foreach (var t in funded) _attempts[t.Number] = _attempts.GetValueOrDefault(t.Number) + 1;

        var accounts = funded.SelectMany(t => new[] { t.BuyerId, t.SellerId }).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var held = new List<IDistributedLockHandle>(accounts.Count);
        try
        {
            if (!await AcquireAllAsync(accounts, held, stopping)) return false;

            var tokens = held.ToDictionary(h => h.Resource["account:".Length..], h => h.FencingToken, StringComparer.Ordinal);
            var now = time.GetUtcNow();
            var built = funded.Select(t => TradeSettlementWrite.Build(t, tokens, _attempts[t.Number], now)).ToList();
            if (held.Any(h => !h.IsHeld))
            {
                metrics.Retried(Symbol, "lock_lost");
                return false;
            }

            // The writes are work done under the locks: losing any of them cancels what has not been sent yet (and a
            // write already on its way carries tokens the accounts refuse once a newer holder has written).
            using var underLocks = CancellationTokenSource.CreateLinkedTokenSource([stopping, .. held.Select(h => h.Lost)]);
            // In chunks: one script holds Redis for its whole run, and the order path's reservations wait behind it.
            var results = new List<MoneyWriteResult>(built.Count);
            foreach (var chunk in built.Chunk(StoreChunk))
            {
                var applied = await store.ApplyAsync([.. chunk.Select(b => b.Write)], underLocks.Token);
                results.AddRange(applied);
                // A refusal stops the pass there, so no later trade of the market settles before it.
                if (applied.Any(r => r.Status is not (MoneyWriteStatus.Applied or MoneyWriteStatus.Duplicate))) break;
            }

            var complete = true;
            for (var i = 0; i < results.Count; i++)
            {
                var trade = funded[i];
                switch (results[i].Status)
                {
                    case MoneyWriteStatus.Applied:
                    case MoneyWriteStatus.Duplicate:
                        var settled = results[i].Status == MoneyWriteStatus.Applied ? built[i].Settled : SettlementJson.Read(results[i].Result) ?? built[i].Settled;
                        _attempts.Remove(trade.Number);
                        metrics.Settled(Symbol, time.GetUtcNow() - trade.ExecutedAt);
                        await PublishAsync(settled);
                        break;
                    default:
                        // A stale fence means a lock was lost under us: retry. Anything else is a broken invariant
                        // (a reservation that is not there); retrying with backoff keeps it pending and visible.
                        LogRefused(Symbol, trade.TradeId, results[i].Status, results[i].FailedAccount, results[i].FailedAsset);
                        metrics.Retried(Symbol, results[i].Status.ToString());
                        complete = false;
                        break;
                }

                if (!complete) return false;
            }

            return true;
        }
        finally
        {
            await Task.WhenAll(held.Select(h => h.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// Takes every account lock of a pass. First all at once without waiting (no contention is the common case, and
    /// one round trip's latency instead of one per account is what lets settlement keep up); if any is busy, what was
    /// taken is released and the locks are taken one by one in ordinal order, each waiting its turn. Only the ordered
    /// path ever waits while holding a lock, so two settlers can never wait on each other in a cycle.
    /// </summary>
    private async Task<bool> AcquireAllAsync(IReadOnlyList<string> accounts, List<IDistributedLockHandle> held, CancellationToken stopping)
    {
        var attempts = await Task.WhenAll(accounts.Select(a => locks.AcquireAsync(LockResources.Account(a), TimeSpan.Zero, stopping)));
        if (attempts.All(h => h is not null))
        {
            held.AddRange(attempts!);
            return true;
        }

        await Task.WhenAll(attempts.Where(h => h is not null).Select(h => h!.DisposeAsync().AsTask()));
        metrics.Retried(Symbol, "contended");
        foreach (var account in accounts)
        {
            var handle = await locks.AcquireAsync(LockResources.Account(account), options.Value.LockWait, stopping);
            if (handle is null)
            {
                LogNoLock(Symbol, account);
                metrics.Retried(Symbol, "lock_unavailable");
                return false;
            }

            held.Add(handle);
        }

        return true;
    }

    private async Task PublishAsync(TradeSettlement settled)
    {
        if (_streams is null) return;
        var payload = new SettlementPayload(settled);
        foreach (var user in new[] { settled.BuyerId, settled.SellerId }.Distinct(StringComparer.Ordinal))
        {
            var channel = ChannelNames.User(user);
            var (ns, key) = ChannelStreams.For(channel);
            var e = new ChannelEvent("settlement:" + settled.TradeId, channel, EventTypes.SettlementCompleted, 0,
                settled.SettledAt ?? time.GetUtcNow(), payload);
            try
            {
                await _streams.GetStream<ChannelEvent>(StreamId.Create(ns, key)).OnNextAsync(e);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The money has moved and is durable; a lost notification is what a client re-reads GET /settlements for.
                LogPublishFailed(ex, Symbol, settled.TradeId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {Symbol}: another activation wrote the cursor; deactivating")]
    private partial void LogCursorTaken(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {Symbol}: a pass failed; retrying")]
    private partial void LogPassFailed(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {Symbol}: {Count} trades of orders placed before accounts existed are not settled")]
    private partial void LogUnfunded(string symbol, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {Symbol}: the lock on account {Account} could not be had; retrying")]
    private partial void LogNoLock(string symbol, string account);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settlement of {Symbol}: trade {TradeId} refused by the store ({Status}, account {Account}, asset {Asset}); retrying")]
    private partial void LogRefused(string symbol, string tradeId, MoneyWriteStatus status, string? account, string? asset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {Symbol}: settlement_completed of {TradeId} could not be published")]
    private partial void LogPublishFailed(Exception exception, string symbol, string tradeId);
}
