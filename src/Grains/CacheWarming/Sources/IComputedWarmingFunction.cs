namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>A function a computed task names (<c>Source:Function</c>), registered in code (<see cref="ComputedFunctions"/>).</summary>
public interface IComputedWarmingFunction
{
    string Name { get; }

    IAsyncEnumerable<WarmedEntry> ComputeAsync(WarmingTask task, IReadOnlyCollection<string>? keys, CancellationToken cancellationToken);
}
