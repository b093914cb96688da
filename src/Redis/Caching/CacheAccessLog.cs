using System.Collections.Concurrent;

namespace GridTokenX.Redis.Caching;

/// <summary>
/// Reads and misses per key since the last <see cref="Drain"/>, counted in process so that a host reports them to the
/// cache warmers in one call per interval, never a call per read. Bounded: keys beyond <see cref="MaxKeys"/> in one
/// interval are not counted (the hottest keys are the ones seen first and most).
/// </summary>
public sealed class CacheAccessLog
{
    public const int MaxKeys = 10_000;

    private ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public void Read(string key, bool hit)
    {
        var tallies = Volatile.Read(ref _tallies);
        if (!tallies.TryGetValue(key, out var tally))
        {
            if (tallies.Count >= MaxKeys) return;
            tally = tallies.GetOrAdd(key, _ => new Tally());
        }

        Interlocked.Increment(ref tally.Reads);
        if (!hit) Interlocked.Increment(ref tally.Misses);
    }

    /// <summary>What was counted since the last call, and a fresh start.</summary>
    public IReadOnlyList<KeyAccessCount> Drain()
    {
        var tallies = Interlocked.Exchange(ref _tallies, new ConcurrentDictionary<string, Tally>(StringComparer.Ordinal));
        return tallies.Select(t => new KeyAccessCount(t.Key, (int)Interlocked.Read(ref t.Value.Reads), (int)Interlocked.Read(ref t.Value.Misses))).ToList();
    }

    private sealed class Tally
    {
        public long Reads;
        public long Misses;
    }
}
