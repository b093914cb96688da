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
    private List<double> _handOvers = [];

    public void Record(DateTimeOffset timestamp)
    {
        var ageMs = (time.GetUtcNow() - timestamp).TotalMilliseconds;
        lock (_gate) _ages.Add(ageMs);
    }

    /// <summary>How long the hub took to hand one event to every socket of its channel (it does so before returning).</summary>
    public void RecordHandOver(TimeSpan took)
    {
        lock (_gate) _handOvers.Add(took.TotalMilliseconds);
    }

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[(int)(q * (sorted.Count - 1))];

    /// <summary>p50, p99 and max of the ages since the previous call, in ms (zeros when there were none).</summary>
    public ArrivalAgeReading ReadAndReset()
    {
        List<double> ages, handOvers;
        lock (_gate) (ages, _ages, handOvers, _handOvers) = (_ages, [], _handOvers, []);
        if (ages.Count == 0) return new ArrivalAgeReading(0, 0, 0, 0, 0, 0);
        ages.Sort();
        handOvers.Sort();
        return new ArrivalAgeReading(ages.Count, Percentile(ages, 0.50), Percentile(ages, 0.99), ages[^1], Percentile(handOvers, 0.50), Percentile(handOvers, 0.99));
    }
}

public sealed record ArrivalAgeReading(int Events, double P50Ms, double P99Ms, double MaxMs, double HandOverP50Ms, double HandOverP99Ms);
