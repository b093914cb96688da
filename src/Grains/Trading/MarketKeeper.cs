using GridTokenX.Grains.Abstractions.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Runs in every silo and, every period, wakes one per-market grain for each configured market. That is what makes a
/// market's background worker (settlement, the read-model projector) survive the loss of a silo: the grain is
/// activated again on a live silo within one period, reads its own cursor and carries on, with no reminder service
/// in the path and no operator. A wake is a one-way call to a grain that is usually already active.
/// </summary>
/// <param name="what">What it wakes, for the log.</param>
/// <param name="wake">Wakes the grain of one market.</param>
public sealed partial class MarketKeeper(IGrainFactory grains, MarketCatalog catalog, TimeProvider time, ILogger<MarketKeeper> logger,
    string what, TimeSpan period, Func<IGrainFactory, string, Task> wake) : BackgroundService
{
    /// <summary>Settlement's: every 2 s.</summary>
    public static readonly TimeSpan SettlementPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The read-model projectors': twice a second, which also bounds the read model's lag while idle.</summary>
    public static readonly TimeSpan ReadModelPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>A keeper of <paramref name="what"/> built from the container's services.</summary>
    public static MarketKeeper Create(IServiceProvider services, string what, TimeSpan period, Func<IGrainFactory, string, Task> wake) =>
        new(services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<MarketCatalog>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<MarketKeeper>>(), what, period, wake);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        do
        {
            foreach (var market in catalog.Markets)
            {
                try
                {
                    await wake(grains, market.Symbol);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // The silo may still be starting or the cluster reconfiguring; the next period tries again.
                    LogWakeFailed(ex, what, market.Symbol);
                }
            }
        }
        while (await NextAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stoppingToken)
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not wake the {What} of {Symbol}")]
    private partial void LogWakeFailed(Exception exception, string what, string symbol);
}
