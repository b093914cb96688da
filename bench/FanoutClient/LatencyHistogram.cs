using System.Numerics;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// HDR-style log-linear histogram of microseconds, safe for many concurrent writers (one interlocked increment per
/// sample): exact below 128 µs, then 128 buckets per power of two, so a percentile is within 0.8 % of the true value.
/// A percentile reports its bucket's highest value (never reads low); the maximum is exact.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int Sub = 1 << SubBits;
    private readonly long[] _counts = new long[Sub + (64 - SubBits) * Sub];
    private long _total;
    private long _max;

    public long Count => Interlocked.Read(ref _total);

    public long MaxMicros => Interlocked.Read(ref _max);

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        Interlocked.Increment(ref _counts[Index(micros)]);
        Interlocked.Increment(ref _total);
        AtomicMax.Raise(ref _max, micros);
    }

    /// <summary>The value at or below which <paramref name="fraction"/> of the samples lie, in microseconds.</summary>
    public long Percentile(double fraction)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(fraction * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(HighestIn(i), MaxMicros);
        }

        return MaxMicros;
    }

    private static int Index(long v)
    {
        if (v < Sub) return (int)v;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)v);
        var shift = exponent - SubBits;
        return Sub + shift * Sub + (int)((v >> shift) - Sub);
    }

    private static long HighestIn(int index)
    {
        if (index < Sub) return index;
        var shift = (index - Sub) / Sub;
        var sub = (index - Sub) % Sub;
        return ((long)(Sub + sub + 1) << shift) - 1;
    }
}
