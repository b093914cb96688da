namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>One kind of source (<see cref="WarmingSourceKind"/>): produces a task's entries.</summary>
public interface IWarmingSource
{
    WarmingSourceKind Kind { get; }

    /// <param name="keys">The keys wanted (access-pattern and on-demand runs), or null for everything the task covers.
    /// A source may produce more; the warmer writes only the wanted ones.</param>
    IAsyncEnumerable<WarmedEntry> FetchAsync(WarmingTask task, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken);
}
