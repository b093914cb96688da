namespace GridTokenX.Grains.CacheWarming;

public enum WarmingSourceKind
{
    /// <summary>A SQL query with parameters through the registered <c>DbDataSource</c>.</summary>
    Database,

    /// <summary>An HTTP GET with headers, through the standard resilience handler.</summary>
    Http,

    /// <summary>Values given in settings.</summary>
    Static,

    /// <summary>A named function registered in code (<see cref="Sources.IComputedWarmingFunction"/>).</summary>
    Computed,
}
