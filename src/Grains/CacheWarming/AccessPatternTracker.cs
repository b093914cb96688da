namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// Which keys are hot: a key read at least <c>threshold</c> times within the last <c>window</c> is due for warming
/// (ahead of its expiry, every run of the task while it stays hot). Reads arrive aggregated per host and interval,
/// so each report is one timestamped count. Bounded to <see cref="MaxKeys"/> keys; the coldest go first.
/// </summary>
public sealed class AccessPatternTracker(int threshold, TimeSpan window)
{
    public const int MaxKeys = 10_000;

    private readonly Dictionary<string, Queue<(DateTimeOffset At, int Reads)>> _reads = new(StringComparer.Ordinal);

    public int Threshold { get; } = threshold > 0 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold));

    public TimeSpan Window { get; } = window > TimeSpan.Zero ? window : throw new ArgumentOutOfRangeException(nameof(window));

    public int TrackedKeys => _reads.Count;

    public void Record(string key, int reads, DateTimeOffset at)
    {
        if (reads <= 0) return;
        if (!_reads.TryGetValue(key, out var counts))
        {
            if (_reads.Count >= MaxKeys) Prune(at, evictColdest: true);
            _reads[key] = counts = new Queue<(DateTimeOffset, int)>();
        }

        counts.Enqueue((at, reads));
    }

    /// <summary>The keys read at least <see cref="Threshold"/> times in (<paramref name="now"/> − window, now], hottest first.</summary>
    public IReadOnlyList<string> Due(DateTimeOffset now)
    {
        Prune(now, evictColdest: false);
        return _reads.Select(r => (r.Key, Reads: r.Value.Sum(c => c.Reads))).Where(r => r.Reads >= Threshold)
            .OrderByDescending(r => r.Reads).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key).ToList();
    }

    private void Prune(DateTimeOffset now, bool evictColdest)
    {
        var from = now - Window;
        foreach (var (key, counts) in _reads.ToList())
        {
            while (counts.TryPeek(out var c) && c.At <= from) counts.Dequeue();
            if (counts.Count == 0) _reads.Remove(key);
        }

        if (evictColdest && _reads.Count >= MaxKeys)
            _reads.Remove(_reads.MinBy(r => r.Value.Sum(c => c.Reads)).Key);
    }
}
