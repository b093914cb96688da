using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Redis.Money;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridTokenX.Grains.Accounts;

/// <summary>
/// Runs in every silo and makes sure no reservation outlives its order. Every few seconds it claims the open
/// reservations not checked for <see cref="CheckEvery"/> (the store hands each to one sweeper) and asks their markets
/// about the orders: a final order's unspent part is released (idempotent with the market's own release, which
/// normally got there first), and a reservation whose order the market does not know and never will — its activation
/// died, or gave the order up, between reserving and placing — is released whole once it is older than
/// <see cref="OrphanAge"/>. A market gives up an order whose reservation is older than
/// <see cref="Trading.OrderBookGrain.PlacementDeadline"/>, far below that age, so an orphan released here can never
/// become an order afterwards.
/// </summary>
public sealed partial class ReservationSweeper(IMoneyStore store, IGrainFactory grains, TimeProvider time, ILogger<ReservationSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan OrphanAge = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private const int MaxPerPass = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogSweepFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One pass; returns how many reservations it released.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.ClaimDueReservationsAsync(now - CheckEvery, now, MaxPerPass, cancellationToken);
        var released = 0;
        foreach (var market in due.GroupBy(r => OrderIds.TryParseOrder(r.OrderId, out var symbol, out _) ? symbol : ""))
        {
            if (market.Key.Length == 0) continue;
            IReadOnlyList<OrderReservationState> answers;
            try
            {
                answers = await grains.GetGrain<IOrderBookGrain>(market.Key).ResolveReservations([.. market.Select(r => r.OrderId)]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // Checked again next time round.
                LogMarketFailed(ex, market.Key);
                continue;
            }

            var writes = new List<MoneyWrite>();
            foreach (var (reservation, answer) in market.Zip(answers))
            {
                var amount = answer.Status switch
                {
                    ReservationStatus.Final => Math.Min(answer.Unspent, reservation.Remaining),
                    ReservationStatus.Unknown when now - reservation.CreatedAt >= OrphanAge => reservation.Remaining,
                    _ => 0m,
                };
                if (amount <= 0) continue;
                if (answer.Status == ReservationStatus.Unknown) LogOrphan(reservation.OrderId, reservation.AccountId, amount, reservation.Asset);
                writes.Add(ReservationWrites.Release(reservation.OrderId, reservation.AccountId, reservation.Asset, amount, now));
            }

            if (writes.Count == 0) continue;
            var results = await store.ApplyAsync(writes, cancellationToken);
            released += results.Count(r => r.Status == MoneyWriteStatus.Applied);
        }

        return released;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reservation sweep failed; the next pass tries again")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reservation sweep could not ask market {Symbol}")]
    private partial void LogMarketFailed(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Released the orphaned reservation of {OrderId} ({Amount} {Asset} of {Account}): its order was never placed")]
    private partial void LogOrphan(string orderId, string account, decimal amount, string asset);
}
