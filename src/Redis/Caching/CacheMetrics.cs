using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GridTokenX.Redis.Locking;

namespace GridTokenX.Redis.Caching;

/// <summary>
/// Meter <c>GridTokenX.Cache</c> (hits, misses, evictions, age of served entries) and the same figures kept in process
/// for <c>GET /api/v1/admin/cache</c> (<see cref="Snapshot"/>): this host's reads since it started.
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = "GridTokenX.Cache";

    // Views come from code and settings, so they are few; a runaway key scheme must not grow this without bound.
    private const int MaxViews = 64;
    private const string OtherView = "other";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;
    private readonly Counter<long> _evictions;
    private readonly Histogram<double> _age;
    private readonly ConcurrentDictionary<string, ViewCounts> _views = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _staleness = new();
    private long _evictionCount;

    public CacheMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _hits = meter.CreateCounter<long>("gtx.cache.hits", description: "Reads served from the cache, by view");
        _misses = meter.CreateCounter<long>("gtx.cache.misses", description: "Reads the cache could not serve, by view");
        _evictions = meter.CreateCounter<long>("gtx.cache.evictions", description: "In-memory entries evicted (expired or for capacity)");
        _age = meter.CreateHistogram<double>("gtx.cache.served_age", unit: "s", description: "Age of the data in each served entry");
    }

    public void Hit(string key, TimeSpan age)
    {
        var view = CacheKeys.ViewOf(key);
        Interlocked.Increment(ref Counts(view).Hits);
        var tag = new KeyValuePair<string, object?>("view", view);
        _hits.Add(1, tag);
        Served(age, tag);
    }

    public void Miss(string key)
    {
        var view = CacheKeys.ViewOf(key);
        Interlocked.Increment(ref Counts(view).Misses);
        _misses.Add(1, new KeyValuePair<string, object?>("view", view));
    }

    /// <summary>A miss that was then produced and served (its age is the producer's, normally about zero).</summary>
    public void Produced(string key, TimeSpan age)
    {
        Miss(key);
        Served(age, new KeyValuePair<string, object?>("view", CacheKeys.ViewOf(key)));
    }

    public void Evicted()
    {
        Interlocked.Increment(ref _evictionCount);
        _evictions.Add(1);
    }

    public CacheStatistics Snapshot()
    {
        var byView = _views.OrderBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(v => v.Key, v => ViewStatistics.Of(Interlocked.Read(ref v.Value.Hits), Interlocked.Read(ref v.Value.Misses)), StringComparer.Ordinal);
        var staleness = _staleness.Snapshot();
        return new CacheStatistics(byView.Values.Sum(v => v.Hits), byView.Values.Sum(v => v.Misses), byView,
            Interlocked.Read(ref _evictionCount), staleness.PercentileMs(0.5), staleness.PercentileMs(0.99));
    }

    private void Served(TimeSpan age, KeyValuePair<string, object?> tag)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        _staleness.Record(age);
        _age.Record(age.TotalSeconds, tag);
    }

    private ViewCounts Counts(string view)
    {
        if (_views.TryGetValue(view, out var counts)) return counts;
        if (_views.Count >= MaxViews) view = OtherView;
        return _views.GetOrAdd(view, _ => new ViewCounts());
    }

    private sealed class ViewCounts
    {
        public long Hits;
        public long Misses;
    }
}
