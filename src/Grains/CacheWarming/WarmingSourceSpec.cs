namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// Where a task's values come from. Which fields matter depends on <see cref="Kind"/>: <see cref="Query"/> and
/// <see cref="Parameters"/> (database), <see cref="Url"/> and <see cref="Headers"/> (HTTP), <see cref="Values"/> (static:
/// placeholder value → JSON), <see cref="Function"/> and <see cref="Parameters"/> (computed).
/// </summary>
public sealed record WarmingSourceSpec(WarmingSourceKind Kind)
{
    public string? Query { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public Uri? Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public string? Function { get; init; }
}
