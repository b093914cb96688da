namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// Samples the thread pool's queue every 20 ms and keeps the peak: when a fan-out leaves thousands of socket sends
/// queued, everything else in the process (Orleans messages included) waits behind them, and this shows how far.
/// Also the garbage collector's pauses, the other thing that stops every socket of the host at once.
/// </summary>
public sealed class ThreadPoolWatch : IDisposable
{
    private readonly Timer _timer;
    private readonly ArrivalAges _arrivals;
    // Opt-in (FANOUT_SAMPLE_ALLOCATIONS=1): the listener costs the host CPU and so moves the latencies it sits beside.
    private readonly AllocationSampler? _allocations = Environment.GetEnvironmentVariable("FANOUT_SAMPLE_ALLOCATIONS") == "1" ? new() : null;
    private readonly Lock _gate = new();
    private long _peakPending;
    private long _lastGcIndex;
    private TimeSpan _longestPause;
    private TimeSpan _pauseAtRead = GC.GetTotalPauseDuration();
    private int[] _collectionsAtRead = Collections();
    private List<string> _seen = [];
    private long _allocatedAtRead = GC.GetTotalAllocatedBytes();


    public ThreadPoolWatch(ArrivalAges arrivals)
    {
        _arrivals = arrivals;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    /// <summary>Since the previous call: the peak queue length, collections per generation and GC pauses; also the threads now.</summary>
    public ThreadPoolReading ReadAndReset()
    {
        lock (_gate)
        {
            var collections = Collections();
            var pause = GC.GetTotalPauseDuration();
            var reading = new ThreadPoolReading(_peakPending, ThreadPool.ThreadCount, ThreadPool.CompletedWorkItemCount,
                collections[0] - _collectionsAtRead[0], collections[1] - _collectionsAtRead[1], collections[2] - _collectionsAtRead[2],
                (pause - _pauseAtRead).TotalMilliseconds, _longestPause.TotalMilliseconds, _seen, GC.GetTotalAllocatedBytes() - _allocatedAtRead,
                _arrivals.ReadAndReset(), _allocations?.ReadAndReset(12) ?? []);
            _seen = [];
            _allocatedAtRead = GC.GetTotalAllocatedBytes();
            _peakPending = 0;
            _longestPause = TimeSpan.Zero;
            _pauseAtRead = pause;
            _collectionsAtRead = collections;
            // A collection made before this read (the forced one of a memory reading) is not the next window's.
            _lastGcIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
            return reading;
        }
    }

    private static int[] Collections() => [GC.CollectionCount(0) - GC.CollectionCount(1), GC.CollectionCount(1) - GC.CollectionCount(2), GC.CollectionCount(2)];

    private void Sample()
    {
        var pending = ThreadPool.PendingWorkItemCount;
        // Only the latest collection is visible; at a few collections a second, a 20 ms sample misses few of them.
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        lock (_gate)
        {
            _peakPending = Math.Max(_peakPending, pending);
            if (gc.Index != _lastGcIndex)
            {
                _lastGcIndex = gc.Index;
                foreach (var p in gc.PauseDurations) _longestPause = p > _longestPause ? p : _longestPause;
                if (_seen.Count < 100)
                    _seen.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"#{gc.Index} gen{gc.Generation}{(gc.Concurrent ? " bg" : "")}{(gc.Compacted ? " compacting" : "")} pause {gc.PauseDurations[0].TotalMilliseconds:F1}+{gc.PauseDurations[1].TotalMilliseconds:F1} ms promoted {gc.PromotedBytes >> 20} MiB pinned {gc.PinnedObjectsCount} heap {gc.HeapSizeBytes >> 20} MiB"));
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _allocations?.Dispose();
    }
}

/// <param name="Gen0">Collections of generation 0 only (not counting those that went on to 1 or 2); likewise Gen1.</param>
public sealed record ThreadPoolReading(long PeakPendingWorkItems, int Threads, long CompletedWorkItems, int Gen0, int Gen1, int Gen2,
    double GcPauseMs, double LongestSampledGcPauseMs, IReadOnlyList<string> Collections, long AllocatedBytes,
    ArrivalAgeReading ArrivalAge, IReadOnlyList<string> TopAllocations);
