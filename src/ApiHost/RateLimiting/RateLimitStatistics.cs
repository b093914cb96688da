using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// What this host counted since its last flush to the cluster's statistics grain: allowed and refused per policy
/// (lock-free) and refusals per key (rare, under a lock).
/// </summary>
public sealed class RateLimitStatistics
{
    private readonly Dictionary<string, Counts> _policies =
        RateLimitPolicyNames.All.ToDictionary(p => p, _ => new Counts(), StringComparer.Ordinal);

    public void Allowed(string policy)
    {
        if (_policies.TryGetValue(policy, out var counts)) Interlocked.Increment(ref counts.Allowed);
    }

    public void Refused(string policy, string key)
    {
        if (!_policies.TryGetValue(policy, out var counts)) return;
        Interlocked.Increment(ref counts.Refused);
        lock (counts.ByKey) counts.ByKey[key] = counts.ByKey.GetValueOrDefault(key) + 1;
    }

    /// <summary>Takes what was counted since the last call (nothing is counted twice or lost between two takes).</summary>
    public List<RateLimitCounts> Take()
    {
        var taken = new List<RateLimitCounts>();
        foreach (var (policy, counts) in _policies)
        {
            var allowed = Interlocked.Exchange(ref counts.Allowed, 0);
            var refused = Interlocked.Exchange(ref counts.Refused, 0);
            Dictionary<string, long> byKey;
            lock (counts.ByKey)
            {
                byKey = new Dictionary<string, long>(counts.ByKey, StringComparer.Ordinal);
                counts.ByKey.Clear();
            }

            if (allowed != 0 || refused != 0 || byKey.Count != 0) taken.Add(new RateLimitCounts(policy, allowed, refused, byKey));
        }

        return taken;
    }

    /// <summary>Puts back what a failed flush took, to go with the next one.</summary>
    public void Restore(IEnumerable<RateLimitCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        foreach (var c in counts)
        {
            if (!_policies.TryGetValue(c.Policy, out var entry)) continue;
            Interlocked.Add(ref entry.Allowed, c.Allowed);
            Interlocked.Add(ref entry.Refused, c.Refused);
            lock (entry.ByKey)
            {
                foreach (var (key, n) in c.RefusedByKey) entry.ByKey[key] = entry.ByKey.GetValueOrDefault(key) + n;
            }
        }
    }

    private sealed class Counts
    {
        public long Allowed;
        public long Refused;
        public readonly Dictionary<string, long> ByKey = new(StringComparer.Ordinal);
    }
}
