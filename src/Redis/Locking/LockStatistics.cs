using System.Globalization;

namespace GridTokenX.Redis.Locking;

/// <summary>A lock's counters and acquisition latency: one process's, or the sum over every process that published.</summary>
public sealed record LockStatistics(RedlockStats Counts, LatencyDistribution AcquireLatency)
{
    private const string Version = "v1";

    public static LockStatistics Empty { get; } = new(new RedlockStats(0, 0, 0, 0, 0, 0), LatencyDistribution.Empty);

    public LockStatistics Add(LockStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (a, b) = (Counts, other.Counts);
        return new LockStatistics(new RedlockStats(a.Acquired + b.Acquired, a.Refused + b.Refused, a.Contended + b.Contended,
            a.Extended + b.Extended, a.Lost + b.Lost, a.ForceReleased + b.ForceReleased), AcquireLatency.Add(other.AcquireLatency));
    }

    /// <summary>What a process publishes: <c>v1;published-unix-ms;six counters;latency buckets</c>.</summary>
    internal string Encode(DateTimeOffset publishedAt)
    {
        var c = Counts;
        return string.Join(';', Version, publishedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            N(c.Acquired), N(c.Refused), N(c.Contended), N(c.Extended), N(c.Lost), N(c.ForceReleased), AcquireLatency.Encode());

        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The inverse of <see cref="Encode"/>; null for anything else (another version, a damaged value).</summary>
    internal static (LockStatistics Statistics, long PublishedAtMs)? Decode(string text)
    {
        var parts = text.Split(';');
        if (parts.Length != 9 || parts[0] != Version) return null;
        var numbers = new long[7];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!long.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return null;
        }

        if (LatencyDistribution.Decode(parts[8]) is not { } latency) return null;
        return (new LockStatistics(new RedlockStats(numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6]), latency), numbers[0]);
    }
}
