namespace GridTokenX.Redis.Locking;

/// <summary>
/// Records durations into fixed log-linear buckets of microseconds (16 per power of two, so a bucket is at most 6.25 %
/// wide; exact below 16 µs). Fixed buckets make snapshots from every process addable (<see cref="LatencyDistribution"/>),
/// which a per-process percentile never is, and recording is one bit scan and one interlocked increment.
/// </summary>
public sealed class LatencyHistogram
{
    private readonly long[] _counts = new long[LatencyDistribution.BucketCount];

    public void Record(TimeSpan duration) => Interlocked.Increment(ref _counts[LatencyDistribution.BucketOf(duration.Ticks / TimeSpan.TicksPerMicrosecond)]);

    public LatencyDistribution Snapshot()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = Volatile.Read(ref _counts[i]);
        return new LatencyDistribution(counts);
    }
}
