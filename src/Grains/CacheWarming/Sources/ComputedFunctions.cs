namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>The computed functions registered in code, by name.</summary>
public sealed class ComputedFunctions(IEnumerable<IComputedWarmingFunction> functions)
{
    private readonly Dictionary<string, IComputedWarmingFunction> _byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool TryGet(string name, out IComputedWarmingFunction function) => _byName.TryGetValue(name, out function!);
}
