using System.Diagnostics.Metrics;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// The lock statistics, as counters a <see cref="Stats"/> snapshot reads and as the <c>GridTokenX.Locks</c> meter (so the
/// hosts' OpenTelemetry exports them): acquisitions, refusals, contention, extensions, losses, force-releases and how
/// long an acquisition took.
/// </summary>
public sealed class RedlockMetrics
{
    public const string MeterName = "GridTokenX.Locks";

    private readonly Histogram<double>? _acquireDuration;
    private readonly LatencyHistogram _acquireLatency = new();
    private long _acquired;
    private long _refused;
    private long _contended;
    private long _extended;
    private long _lost;
    private long _forceReleased;

    /// <param name="meters">Null records only the snapshot (tests, tools).</param>
    public RedlockMetrics(IMeterFactory? meters = null)
    {
        if (meters is null) return;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("gtx.locks.acquired", () => Volatile.Read(ref _acquired), description: "Locks acquired");
        meter.CreateObservableCounter("gtx.locks.refused", () => Volatile.Read(ref _refused), description: "Acquisitions given up after their wait");
        meter.CreateObservableCounter("gtx.locks.contended", () => Volatile.Read(ref _contended), description: "Attempts that found the lock held");
        meter.CreateObservableCounter("gtx.locks.extended", () => Volatile.Read(ref _extended), description: "Successful extensions");
        meter.CreateObservableCounter("gtx.locks.lost", () => Volatile.Read(ref _lost), description: "Locks lost while held");
        meter.CreateObservableCounter("gtx.locks.force_released", () => Volatile.Read(ref _forceReleased), description: "Locks force-released by an operator");
        _acquireDuration = meter.CreateHistogram<double>("gtx.locks.acquire.duration", unit: "s", description: "From asking for a lock to holding it");
    }

    public RedlockStats Stats => new(Volatile.Read(ref _acquired), Volatile.Read(ref _refused), Volatile.Read(ref _contended),
        Volatile.Read(ref _extended), Volatile.Read(ref _lost), Volatile.Read(ref _forceReleased));

    /// <summary>How long acquisitions took, in buckets that add up across processes (the admin locks <c>acquire_ms</c>).</summary>
    public LatencyDistribution AcquireLatency => _acquireLatency.Snapshot();

    /// <summary>Counters and latency together.</summary>
    public LockStatistics Statistics => new(Stats, AcquireLatency);

    internal void Acquired(TimeSpan took)
    {
        Interlocked.Increment(ref _acquired);
        _acquireLatency.Record(took);
        _acquireDuration?.Record(took.TotalSeconds);
    }

    internal void Refused() => Interlocked.Increment(ref _refused);

    internal void Contended() => Interlocked.Increment(ref _contended);

    internal void Extended() => Interlocked.Increment(ref _extended);

    internal void Lost() => Interlocked.Increment(ref _lost);

    internal void ForceReleased() => Interlocked.Increment(ref _forceReleased);
}
