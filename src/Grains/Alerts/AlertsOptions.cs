namespace GridTokenX.Grains.Alerts;

/// <summary>Bound from <c>GridTokenX:Alerts</c> (environment <c>GridTokenX__Alerts__…</c>); see docs/operations.md.</summary>
public sealed class AlertsOptions
{
    public const string Section = "GridTokenX:Alerts";

    /// <summary>How this host names itself in alerts; unset = <c>{role}/{machine}/{process id}</c>.</summary>
    public string? Source { get; set; }

    /// <summary>Least time between two alerts of one kind about one thing (an IP, a user, a queue, a condition).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often memory and stream delay are sampled (and a held-back condition re-checked).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Working set that counts as high memory, in bytes; 0 = no byte limit.</summary>
    public long HighMemoryBytes { get; set; }

    /// <summary>Working set that counts as high memory, as a percentage of the memory the GC may use (container limit or RAM); 0 = none.</summary>
    public double HighMemoryPercent { get; set; } = 90;

    /// <summary>Failed authentications from one client IP within <see cref="FailedAuthWindow"/> that make a security event.</summary>
    public int FailedAuthThreshold { get; set; } = 10;

    public TimeSpan FailedAuthWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Market data (stream entries) read later than this after they were published raises <c>market_data_delay</c>.</summary>
    public TimeSpan MarketDataDelayThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Alerts a host holds while the alert center is unreachable; beyond it the oldest waiting alert is dropped (and logged).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Longest wait between two attempts to deliver an alert to the alert center.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
