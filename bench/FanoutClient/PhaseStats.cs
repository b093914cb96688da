using System.Diagnostics;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// What one feed (baseline or Orleans) delivered to all sockets. Only events received inside the measured window
/// count; earlier ones (warm-up) and later ones (drain) are only tallied, so the window's rate is not inflated.
/// </summary>
public sealed class PhaseStats(string name)
{
    private const int MaxSeconds = 3600;
    private readonly long[] _perType = new long[EventKinds.All.Length];
    private readonly long[] _perSecond = new long[MaxSeconds];
    private readonly long[] _maxPerSecond = new long[MaxSeconds];
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _outside;
    private long _lastReceived;

    public string Name { get; } = name;

    public LatencyHistogram Latency { get; } = new();

    public long Outside => Interlocked.Read(ref _outside);

    public double WindowSeconds { get; private set; }

    /// <summary>Opens the measured window: it starts after the warm-up and lasts the given seconds.</summary>
    public void SetWindow(long startTimestamp, double seconds)
    {
        WindowSeconds = seconds;
        Volatile.Write(ref _windowEnd, startTimestamp + (long)(seconds * Stopwatch.Frequency));
        Volatile.Write(ref _windowStart, startTimestamp);
    }

    /// <summary>When this feed's last event arrived, in or outside the window (0 before the first).</summary>
    public long LastReceived => Interlocked.Read(ref _lastReceived);

    public void Record(long receivedTimestamp, long latencyMicros, EventKind type)
    {
        AtomicMax.Raise(ref _lastReceived, receivedTimestamp);
        var start = Volatile.Read(ref _windowStart);
        if (receivedTimestamp < start || receivedTimestamp >= Volatile.Read(ref _windowEnd))
        {
            Interlocked.Increment(ref _outside);
            return;
        }

        Latency.Record(latencyMicros);
        Interlocked.Increment(ref _perType[(int)type]);
        var second = (int)Math.Min(MaxSeconds - 1, (receivedTimestamp - start) / Stopwatch.Frequency);
        Interlocked.Increment(ref _perSecond[second]);
        AtomicMax.Raise(ref _maxPerSecond[second], latencyMicros);
    }

    public long OfType(EventKind type) => Interlocked.Read(ref _perType[(int)type]);

    /// <summary>Deliveries in each whole second of the window (shows bursts: the Orleans path delivers in pulls).</summary>
    public long[] PerSecond() => _perSecond.AsSpan(0, Seconds).ToArray();

    /// <summary>The worst latency in each whole second of the window, in µs: a rising line is a growing backlog.</summary>
    public long[] MaxLatencyPerSecond() => _maxPerSecond.AsSpan(0, Seconds).ToArray();

    private int Seconds => Math.Clamp((int)WindowSeconds, 0, MaxSeconds);
}
