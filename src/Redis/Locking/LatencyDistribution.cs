using System.Globalization;
using System.Numerics;
using System.Text;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// A snapshot of a <see cref="LatencyHistogram"/>: counts per fixed bucket, so snapshots of several processes add up to
/// the cluster's distribution. Percentiles are the middle of the bucket the rank falls in (within ±3.2 %).
/// </summary>
public sealed class LatencyDistribution
{
    private const int SubBits = 4;
    private const int Sub = 1 << SubBits;
    private const int MaxExponent = 36; // 2^36 µs is 19 hours: anything longer shares the last bucket.

    internal const int BucketCount = Sub + (MaxExponent - SubBits) * Sub;

    private readonly long[] _counts;

    internal LatencyDistribution(long[] counts) => _counts = counts;

    public static LatencyDistribution Empty { get; } = new(new long[BucketCount]);

    public long Count => _counts.Sum();

    internal static int BucketOf(long micros)
    {
        if (micros < Sub) return micros < 0 ? 0 : (int)micros;
        var exponent = BitOperations.Log2((ulong)micros);
        if (exponent >= MaxExponent) return BucketCount - 1;
        var mantissa = (int)(micros >> (exponent - SubBits)) & (Sub - 1);
        return Sub + (exponent - SubBits) * Sub + mantissa;
    }

    private static (double Low, double High) Bounds(int bucket)
    {
        if (bucket < Sub) return (bucket, bucket + 1);
        var exponent = (bucket - Sub) / Sub + SubBits;
        var mantissa = (bucket - Sub) % Sub;
        var width = 1L << (exponent - SubBits);
        return ((Sub + mantissa) * width, (Sub + mantissa + 1) * width);
    }

    /// <summary>The <paramref name="quantile"/> (0–1) in milliseconds, or null with no samples.</summary>
    public double? PercentileMs(double quantile)
    {
        var total = Count;
        if (total == 0) return null;
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen < rank) continue;
            var (low, high) = Bounds(i);
            // Below 16 µs a bucket is one exact microsecond.
            var micros = i < Sub ? low : (low + high) / 2;
            return Math.Round(micros / 1000.0, 3);
        }

        return null;
    }

    public LatencyDistribution Add(LatencyDistribution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = new long[BucketCount];
        for (var i = 0; i < sum.Length; i++) sum[i] = _counts[i] + other._counts[i];
        return new LatencyDistribution(sum);
    }

    /// <summary>The non-empty buckets as <c>bucket:count</c> pairs separated by commas (what a process publishes).</summary>
    public string Encode()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _counts.Length; i++)
        {
            if (_counts[i] == 0) continue;
            if (text.Length > 0) text.Append(',');
            text.Append(i.ToString(CultureInfo.InvariantCulture)).Append(':').Append(_counts[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The inverse of <see cref="Encode"/>; null for anything it did not produce.</summary>
    public static LatencyDistribution? Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new long[BucketCount];
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || !int.TryParse(pair.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket)
                || bucket >= BucketCount
                || !long.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                return null;
            }

            counts[bucket] += count;
        }

        return new LatencyDistribution(counts);
    }
}
