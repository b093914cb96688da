using GridTokenX.Grains.Abstractions.CacheWarming;
using GridTokenX.Redis.Caching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridTokenX.Hosting.Caching;

/// <summary>
/// Sends what <see cref="CacheAccessLog"/> counted to the warming coordinator every
/// <see cref="ReadCacheOptions.AccessReportInterval"/>: one grain call per interval however many reads, which is what lets
/// the access-pattern and on-demand strategies see reads without a grain call per read. A failed report is dropped
/// (the next interval's counts still arrive; warming is an optimisation).
/// </summary>
public sealed partial class CacheAccessReporter(CacheAccessLog log, IGrainFactory grains, IOptions<ReadCacheOptions> options, TimeProvider time,
    ILogger<CacheAccessReporter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AccessReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await ReportAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Sends one report of what was counted since the last; nothing when nothing was read.</summary>
    public async Task ReportAsync()
    {
        var counts = log.Drain();
        if (counts.Count == 0) return;
        try
        {
            await grains.GetCacheWarmingCoordinator().ReportAccesses([.. counts.Select(c => new CacheKeyAccess(c.Key, c.Reads, c.Misses))])
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReportFailed(ex, counts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not report the reads of {Keys} cache keys to the warmers")]
    private partial void LogReportFailed(Exception exception, int keys);
}
