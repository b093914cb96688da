namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>The registered source of each kind.</summary>
public sealed class WarmingSources(IEnumerable<IWarmingSource> sources)
{
    private readonly Dictionary<WarmingSourceKind, IWarmingSource> _byKind = sources.ToDictionary(s => s.Kind);

    public IWarmingSource For(WarmingSourceKind kind) =>
        _byKind.TryGetValue(kind, out var source) ? source : throw new WarmingSourceUnavailableException($"No {WireNames.Of(kind)} source is registered.");
}
