using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridTokenX.Grains.Settlement;

/// <summary>
/// Runs in every silo and wakes every market's settlement grain every few seconds. That is what makes settlement
/// survive the loss of a silo: the grain is activated again (on a live silo) within one period, reads its cursor and
/// carries on, with no reminder service in the path and no operator. A wake is a one-way call to a grain that is
/// usually already active, so the cost is a handful of messages per period.
/// </summary>
public sealed partial class SettlementKeeper(IGrainFactory grains, MarketCatalog catalog, TimeProvider time, ILogger<SettlementKeeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            foreach (var market in catalog.Markets)
            {
                try
                {
                    await grains.GetGrain<ISettlementGrain>(market.Symbol).Wake();
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The silo may still be starting or the cluster reconfiguring; the next period tries again.
                    LogWakeFailed(ex, market.Symbol);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake the settlement of {Symbol}")]
    private partial void LogWakeFailed(Exception exception, string symbol);
}
