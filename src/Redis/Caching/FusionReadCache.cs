using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace GridTokenX.Redis.Caching;

/// <summary>
/// <see cref="IReadCache"/> over FusionCache (why FusionCache: docs/cache.md). Counts every read in
/// <see cref="CacheMetrics"/> and <see cref="CacheAccessLog"/>; the age of what it serves is now minus the view's
/// <see cref="CachedView.ProducedAt"/>.
/// </summary>
public sealed class FusionReadCache : IReadCache, IDisposable
{
    private readonly IFusionCache _cache;
    private readonly CacheMetrics _metrics;
    private readonly CacheAccessLog _accesses;
    private readonly TimeProvider _time;
    private readonly ReadCacheOptions _options;

    public FusionReadCache(IFusionCache cache, IOptions<ReadCacheOptions> options, CacheMetrics metrics, CacheAccessLog accesses, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache;
        _options = options.Value;
        _metrics = metrics;
        _accesses = accesses;
        _time = time;
        _cache.Events.Memory.Eviction += OnEviction;
    }

    public async ValueTask<CachedView> GetOrAddAsync(string key, Func<CancellationToken, ValueTask<string>> produce, TimeSpan ttl,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(produce);
        CachedView? mine = null;
        var view = await _cache.GetOrSetAsync<CachedView>(key, async (_, ct) =>
        {
            var json = await produce(ct).ConfigureAwait(false);
            mine = new CachedView(json, _time.GetUtcNow());
            return mine;
        }, EntryOptions(ttl, eagerRefresh: true), cancellationToken).ConfigureAwait(false);

        // Ours only if this call's producer made it; a background eager refresh finishing later is not this read's.
        var produced = ReferenceEquals(view, mine);
        if (produced) _metrics.Produced(key, _time.GetUtcNow() - view.ProducedAt);
        else _metrics.Hit(key, _time.GetUtcNow() - view.ProducedAt);
        _accesses.Read(key, hit: !produced);
        return view;
    }

    public async ValueTask<CachedView?> TryGetAsync(string key, CancellationToken cancellationToken = default)
    {
        var found = await _cache.TryGetAsync<CachedView>(key, EntryOptions(TimeSpan.FromMinutes(1), eagerRefresh: false), cancellationToken)
            .ConfigureAwait(false);
        var view = found.HasValue ? found.Value : null;
        if (view is null) _metrics.Miss(key);
        else _metrics.Hit(key, _time.GetUtcNow() - view.ProducedAt);
        _accesses.Read(key, hit: view is not null);
        return view;
    }

    public ValueTask SetAsync(string key, CachedView view, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        _cache.SetAsync(key, view, EntryOptions(ttl, eagerRefresh: false), cancellationToken);

    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        _cache.RemoveAsync(key, EntryOptions(TimeSpan.FromMinutes(1), eagerRefresh: false), cancellationToken);

    public void Dispose() => _cache.Events.Memory.Eviction -= OnEviction;

    private FusionCacheEntryOptions EntryOptions(TimeSpan ttl, bool eagerRefresh)
    {
        var options = new FusionCacheEntryOptions
        {
            Duration = ttl,
            DistributedCacheDuration = ttl,
            MemoryCacheDuration = ttl < _options.MemoryDuration ? ttl : _options.MemoryDuration,
            IsFailSafeEnabled = _options.FailSafeMaxDuration > TimeSpan.Zero,
            FailSafeMaxDuration = _options.FailSafeMaxDuration > ttl ? _options.FailSafeMaxDuration : ttl,
            FailSafeThrottleDuration = TimeSpan.FromSeconds(1),
            DistributedCacheSoftTimeout = _options.DistributedTimeout,
            DistributedCacheHardTimeout = _options.DistributedTimeout,
            // Written means in Redis: a warmer's run counts keys that every host can read, not ones still on their way.
            AllowBackgroundDistributedCacheOperations = false,
            AllowBackgroundBackplaneOperations = true,
        };
        if (eagerRefresh) options.EagerRefreshThreshold = 0.8f;
        return options;
    }

    private void OnEviction(object? sender, ZiggyCreatures.Caching.Fusion.Events.FusionCacheEntryEvictionEventArgs e)
    {
        if (e.Reason is EvictionReason.Expired or EvictionReason.Capacity) _metrics.Evicted();
    }
}
