namespace GridTokenX.Grains.CacheWarming;

/// <summary><c>GridTokenX:CacheWarming:Tasks:{name}:Source</c> (see <see cref="WarmingSourceSpec"/>).</summary>
public sealed class WarmingSourceOptions
{
    /// <summary><c>database</c>, <c>http</c>, <c>static</c> or <c>computed</c>.</summary>
    public string? Kind { get; set; }

    public string? Query { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    public string? Url { get; set; }

    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Values { get; set; } = new(StringComparer.Ordinal);

    public string? Function { get; set; }
}
