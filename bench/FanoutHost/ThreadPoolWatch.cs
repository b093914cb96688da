namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// Samples the thread pool's queue every 20 ms and keeps the peak: when a fan-out leaves thousands of socket sends
/// queued, everything else in the process (Orleans messages included) waits behind them, and this shows how far.
/// </summary>
public sealed class ThreadPoolWatch : IDisposable
{
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private long _peakPending;

    public ThreadPoolWatch() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));

    /// <summary>The peak queue length since the previous call, the threads now, and work items completed so far.</summary>
    public ThreadPoolReading ReadAndReset()
    {
        lock (_gate)
        {
            var peak = _peakPending;
            _peakPending = 0;
            return new ThreadPoolReading(peak, ThreadPool.ThreadCount, ThreadPool.CompletedWorkItemCount);
        }
    }

    private void Sample()
    {
        var pending = ThreadPool.PendingWorkItemCount;
        lock (_gate) _peakPending = Math.Max(_peakPending, pending);
    }

    public void Dispose() => _timer.Dispose();
}

public sealed record ThreadPoolReading(long PeakPendingWorkItems, int Threads, long CompletedWorkItems);
