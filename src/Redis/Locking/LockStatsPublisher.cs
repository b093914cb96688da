using Microsoft.Extensions.Hosting;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Publishes this process's lock statistics to the lock nodes every <see cref="RedlockOptions.StatsPublishPeriod"/>, so
/// that the admin view on any API host can add up every silo's (docs/locks.md, "Admin view"). A write to each node every
/// few seconds: nothing on the acquire path.
/// </summary>
internal sealed class LockStatsPublisher(IDistributedLock locks, TimeProvider? time = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (locks is not Redlock redlock) return;
        var clock = time ?? TimeProvider.System;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await redlock.PublishStatisticsAsync(stoppingToken);
                await Task.Delay(redlock.Options.StatsPublishPeriod, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
