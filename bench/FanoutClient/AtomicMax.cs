namespace GridTokenX.Bench.FanoutClient;

/// <summary>A lock-free "keep the largest": many receive loops record into the same counters at once.</summary>
public static class AtomicMax
{
    public static void Raise(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
