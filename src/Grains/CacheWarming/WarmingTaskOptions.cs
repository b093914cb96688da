namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// <c>GridTokenX:CacheWarming:Tasks:{name}</c>. Checked by <see cref="CacheWarmingOptionsValidator"/> (each message names
/// the full key), then turned into a <see cref="WarmingTask"/>.
/// </summary>
public sealed class WarmingTaskOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>startup</c>, <c>scheduled</c>, <c>access_pattern</c> or <c>on_demand</c>.</summary>
    public string? Strategy { get; set; }

    /// <summary><c>critical</c>, <c>high</c>, <c>medium</c> or <c>low</c>.</summary>
    public string Priority { get; set; } = "medium";

    public string? KeyPattern { get; set; }

    public int TtlSeconds { get; set; } = 300;

    public List<string> DependsOn { get; set; } = [];

    public int BatchSize { get; set; } = 100;

    public TimeSpan? Interval { get; set; }

    public int MaxAttempts { get; set; } = RetryPolicy.Default.MaxAttempts;

    public TimeSpan RetryDelay { get; set; } = RetryPolicy.Default.InitialDelay;

    public double RetryBackoffFactor { get; set; } = RetryPolicy.Default.Factor;

    public TimeSpan MaxRetryDelay { get; set; } = RetryPolicy.Default.MaxDelay;

    public int AccessThreshold { get; set; } = 10;

    public TimeSpan AccessWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int MissThreshold { get; set; } = 3;

    public double PrefetchFactor { get; set; } = 1;

    public WarmingSourceOptions Source { get; set; } = new();
}
