namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// How old each real event is when it reaches this host (arrival − the event's own timestamp), before any socket
/// sees it. Beside the client's receipt latency, this splits the delay into what came before the host (grain,
/// Redis, the pulling agent, Orleans' delivery) and the fan-out in the host.
/// </summary>
public sealed class ArrivalAges(TimeProvider time)
{
    private readonly Lock _gate = new();
    private List<double> _ages = [];

    public void Record(DateTimeOffset timestamp)
    {
        var ageMs = (time.GetUtcNow() - timestamp).TotalMilliseconds;
        lock (_gate) _ages.Add(ageMs);
    }

    /// <summary>p50, p99 and max of the ages since the previous call, in ms (zeros when there were none).</summary>
    public ArrivalAgeReading ReadAndReset()
    {
        List<double> ages;
        lock (_gate) (ages, _ages) = (_ages, []);
        if (ages.Count == 0) return new ArrivalAgeReading(0, 0, 0, 0);
        ages.Sort();
        return new ArrivalAgeReading(ages.Count, ages[(int)(0.50 * (ages.Count - 1))], ages[(int)(0.99 * (ages.Count - 1))], ages[^1]);
    }
}

public sealed record ArrivalAgeReading(int Events, double P50Ms, double P99Ms, double MaxMs);
