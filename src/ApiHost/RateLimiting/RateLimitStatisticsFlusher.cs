using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// Sends this host's counts to the cluster's statistics grain every <see cref="Period"/> (and when the admin route asks),
/// one call per period however busy the host is; a failed send is kept for the next.
/// </summary>
public sealed partial class RateLimitStatisticsFlusher(RateLimitStatistics statistics, IGrainFactory grains, TimeProvider time,
    ILogger<RateLimitStatisticsFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var taken = statistics.Take();
        try
        {
            if (taken.Count > 0) await grains.GetRateLimitStatistics().Add(taken).WaitAsync(cancellationToken);
        }
        catch
        {
            statistics.Restore(taken);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogFlushFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was not sent yet is in this host's metrics.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not send rate-limit statistics; keeping them for the next flush")]
    private partial void LogFlushFailed(Exception exception);
}
