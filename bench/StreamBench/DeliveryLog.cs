using System.Diagnostics;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// Where subscribers report receipts during one scenario. The provider's subscriber is a grain Orleans creates, so it
/// finds the log through <see cref="Current"/>. Latencies are kept for events sent inside the measured window (all of
/// them: a few hundred thousand longs, sorted at the end for exact percentiles); throughput counts receipts inside it.
/// </summary>
public sealed class DeliveryLog(long windowStart, long windowEnd)
{
    private readonly Lock _lock = new();
    private readonly List<long> _latencies = new(1 << 16);
    private readonly HashSet<long> _seen = new(1 << 16);
    private long _duplicates;
    private long _firstDuplicateAt;
    private long _received;
    private long _receivedInWindow;

    public static DeliveryLog? Current { get; set; }

    public long Received => Interlocked.Read(ref _received);

    public long ReceivedInWindow => Interlocked.Read(ref _receivedInWindow);

    /// <summary>Receipts of a sequence number already received (redeliveries); not counted in <see cref="Received"/>.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Seconds from the scenario's start (window start minus warm-up) to the first duplicate, or NaN.</summary>
    public double FirstDuplicateSeconds(long start) =>
        Duplicates == 0 ? double.NaN : (Interlocked.Read(ref _firstDuplicateAt) - start) / (double)Stopwatch.Frequency;

    public void Record(long sequence, long sentTimestamp)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            // At least once: a redelivered event must not count twice in throughput nor hide a missing one.
            if (!_seen.Add(sequence))
            {
                if (_duplicates++ == 0) _firstDuplicateAt = now;
                return;
            }

            _received++;
            if (now >= windowStart && now < windowEnd) _receivedInWindow++;
            if (sentTimestamp >= windowStart && sentTimestamp < windowEnd) _latencies.Add(now - sentTimestamp);
        }
    }

    /// <summary>Latency percentiles in milliseconds of the events sent in the window: p50, p99, p99.9, max.</summary>
    public (double P50, double P99, double P999, double Max, int Count) Percentiles()
    {
        long[] sorted;
        lock (_lock) sorted = [.. _latencies];
        if (sorted.Length == 0) return (double.NaN, double.NaN, double.NaN, double.NaN, 0);
        Array.Sort(sorted);
        return (Ms(At(0.50)), Ms(At(0.99)), Ms(At(0.999)), Ms(sorted[^1]), sorted.Length);

        long At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
