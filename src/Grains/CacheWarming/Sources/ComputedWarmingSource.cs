namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>Runs the named function of a computed task (<c>Source:Function</c>).</summary>
public sealed class ComputedWarmingSource(ComputedFunctions functions) : IWarmingSource
{
    public WarmingSourceKind Kind => WarmingSourceKind.Computed;

    public IAsyncEnumerable<WarmedEntry> FetchAsync(WarmingTask task, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Source.Function is not { } name || !functions.TryGet(name, out var function))
            throw new InvalidOperationException($"No computed function '{task.Source.Function}' is registered.");
        return function.ComputeAsync(task, keys, cancellationToken);
    }
}
