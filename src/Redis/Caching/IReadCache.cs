namespace GridTokenX.Redis.Caching;

/// <summary>
/// The two-level read cache every host shares (docs/cache.md): in-process memory in front of Redis (<c>gtx:cache:…</c>),
/// kept coherent across hosts by a Redis backplane; memory only in standalone mode. Keys are <c>{view}:{id}…</c>
/// (<see cref="CacheKeys"/>). Every read is counted (hits, misses, age of what was served) in <see cref="CacheMetrics"/>.
/// </summary>
public interface IReadCache
{
    /// <summary>
    /// The cached view, or the one <paramref name="produce"/> makes on a miss (one producer per key and host at a time;
    /// a failing producer serves the last value, however old, rather than an error).
    /// </summary>
    ValueTask<CachedView> GetOrAddAsync(string key, Func<CancellationToken, ValueTask<string>> produce, TimeSpan ttl,
        CancellationToken cancellationToken = default);

    /// <summary>The cached view, or null (a miss, counted as one).</summary>
    ValueTask<CachedView?> TryGetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a view to both levels and tells every other host to drop its in-memory copy.</summary>
    ValueTask SetAsync(string key, CachedView view, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Removes a key on both levels and on every host.</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
}
