using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// Sums of what the API hosts counted, per policy: allowed, refused, and refusals per key. At most
/// <paramref name="maxKeys"/> keys are kept per policy; past that the least refused are dropped, so the top of the
/// list is exact unless a key was dropped and came back (it then restarts from its new refusals).
/// </summary>
public sealed class RateLimitStatisticsBook(int maxKeys = 10_000)
{
    private readonly Dictionary<string, Entry> _policies = new(StringComparer.Ordinal);

    public void Add(IEnumerable<RateLimitCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var c in counts)
        {
            if (!_policies.TryGetValue(c.Policy, out var entry)) _policies[c.Policy] = entry = new Entry();
            entry.Allowed += c.Allowed;
            entry.Refused += c.Refused;
            foreach (var (key, refused) in c.RefusedByKey)
            {
                entry.ByKey[key] = entry.ByKey.GetValueOrDefault(key) + refused;
            }

            if (entry.ByKey.Count > maxKeys)
            {
                foreach (var (key, _) in entry.ByKey.OrderBy(k => k.Value).Take(entry.ByKey.Count - maxKeys * 9 / 10).ToList()) entry.ByKey.Remove(key);
            }
        }
    }

    /// <summary>Every policy seen, by name, with its <paramref name="top"/> most refused keys (most first, then by key).</summary>
    public IReadOnlyList<RateLimitCounts> Read(int top) =>
    [
        .. _policies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new RateLimitCounts(p.Key, p.Value.Allowed, p.Value.Refused,
            p.Value.ByKey.OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal).Take(Math.Max(0, top))
                .ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal))),
    ];

    private sealed class Entry
    {
        public long Allowed { get; set; }

        public long Refused { get; set; }

        public Dictionary<string, long> ByKey { get; } = new(StringComparer.Ordinal);
    }
}
