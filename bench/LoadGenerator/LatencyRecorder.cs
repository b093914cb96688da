using System.Diagnostics;

namespace GridTokenX.Bench.LoadGenerator;

/// <summary>
/// One per worker, so recording takes no lock: every measured request's latency in Stopwatch ticks and its outcome.
/// A ~30 s run holds at most a few hundred thousand samples, so all are kept and sorted at the end (exact percentiles).
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<long> _successTicks = new(1 << 16);
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);

    public IReadOnlyList<long> SuccessTicks => _successTicks;
    public IReadOnlyDictionary<string, long> Failures => _failures;
    public long Successes => _successTicks.Count;
    public long AllTicksSum { get; private set; }

    public void Success(long ticks)
    {
        _successTicks.Add(ticks);
        AllTicksSum += ticks;
    }

    public void Failure(string outcome, long ticks)
    {
        _failures[outcome] = _failures.GetValueOrDefault(outcome) + 1;
        AllTicksSum += ticks;
    }

    public static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
