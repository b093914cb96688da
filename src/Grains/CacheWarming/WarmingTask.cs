namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// A warming task's definition (from <c>GridTokenX:CacheWarming:Tasks:{name}</c>). <see cref="KeyPattern"/> names the keys
/// it writes, with <c>{placeholders}</c> filled from each value (<see cref="KeyPattern"/> type).
/// </summary>
public sealed record WarmingTask(string Name, WarmingStrategy Strategy, WarmingPriority Priority, WarmingSourceSpec Source,
    KeyPattern KeyPattern, TimeSpan Ttl)
{
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Keys written per cache round (a batch's writes go out together).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How often it runs; null: never on its own (start-up only, on demand only, or by the admin).</summary>
    public TimeSpan? Interval { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Access pattern: reads of a key within <see cref="AccessWindow"/> that make it worth warming.</summary>
    public int AccessThreshold { get; init; } = 10;

    public TimeSpan AccessWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>On demand: misses of a key (summed over hosts' reports) that trigger warming it.</summary>
    public int MissThreshold { get; init; } = 3;

    /// <summary>On demand: how many neighbours on each side are warmed with a key (rounded up).</summary>
    public double PrefetchFactor { get; init; } = 1;
}
