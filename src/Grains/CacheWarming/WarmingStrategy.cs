namespace GridTokenX.Grains.CacheWarming;

/// <summary>When a task runs (docs/cache.md, "Warming").</summary>
public enum WarmingStrategy
{
    /// <summary>At silo start, in priority order and in batches (and on its interval, if it has one).</summary>
    Startup,

    /// <summary>Every interval.</summary>
    Scheduled,

    /// <summary>Every interval, the keys read at least N times within the window, ahead of their expiry.</summary>
    AccessPattern,

    /// <summary>When a key's misses reach a threshold: that key and its neighbours.</summary>
    OnDemand,
}
