using GridTokenX.Grains.CacheWarming.Sources;
using GridTokenX.Redis.Caching;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// Writes a source's entries into the read cache in batches of the task's size (a batch's writes go out together and
/// are awaited before the next is read), keeping only the wanted keys when some are named.
/// </summary>
public static class EntryWriter
{
    public static async Task<int> WriteAsync(IReadCache cache, IWarmingSource source, WarmingTask task, IReadOnlyCollection<string>? keys,
        TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(task);
        var written = 0;
        var batch = new List<Task>(task.BatchSize);
        await foreach (var entry in source.FetchAsync(task, keys, cancellationToken).ConfigureAwait(true))
        {
            if (keys is not null && !keys.Contains(entry.Key)) continue;
            batch.Add(cache.SetAsync(entry.Key, new CachedView(entry.Json, time.GetUtcNow()), task.Ttl, cancellationToken).AsTask());
            if (batch.Count < task.BatchSize) continue;
            await Task.WhenAll(batch).ConfigureAwait(true);
            written += batch.Count;
            batch.Clear();
        }

        await Task.WhenAll(batch).ConfigureAwait(true);
        return written + batch.Count;
    }
}
