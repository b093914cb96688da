using System.Globalization;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// On-demand warming: misses are summed per key; when a key's reach <c>threshold</c> it is due, with its neighbours
/// (keys whose last segment is a page number: the <c>ceil(prefetchFactor)</c> pages on each side), and its count starts
/// again. Bounded to <see cref="MaxKeys"/> keys with misses pending.
/// </summary>
public sealed class OnDemandTrigger(int threshold, double prefetchFactor)
{
    public const int MaxKeys = 10_000;

    private readonly Dictionary<string, int> _misses = new(StringComparer.Ordinal);

    public int Threshold { get; } = threshold > 0 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold));

    public double PrefetchFactor { get; } = prefetchFactor >= 0 ? prefetchFactor : throw new ArgumentOutOfRangeException(nameof(prefetchFactor));

    /// <summary>Adds misses of <paramref name="key"/>; the keys to warm now (empty while below the threshold).</summary>
    public IReadOnlyList<string> Record(string key, int misses)
    {
        if (misses <= 0) return [];
        if (!_misses.TryGetValue(key, out var total) && _misses.Count >= MaxKeys) return [];
        total += misses;
        if (total < Threshold)
        {
            _misses[key] = total;
            return [];
        }

        _misses.Remove(key);
        return [key, .. Neighbours(key, PrefetchFactor)];
    }

    /// <summary>For <c>candles:X:1m:7</c> and a factor of 1: pages 8 and 6; none for a key without a page number.</summary>
    public static IReadOnlyList<string> Neighbours(string key, double prefetchFactor)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.LastIndexOf(':');
        if (colon < 0 || !long.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var page)) return [];
        var span = (int)Math.Ceiling(prefetchFactor);
        var prefix = key[..(colon + 1)];
        var neighbours = new List<string>(span * 2);
        for (var d = 1; d <= span; d++)
        {
            neighbours.Add(prefix + (page + d).ToString(CultureInfo.InvariantCulture));
            if (page - d >= 0) neighbours.Add(prefix + (page - d).ToString(CultureInfo.InvariantCulture));
        }

        return neighbours;
    }
}
