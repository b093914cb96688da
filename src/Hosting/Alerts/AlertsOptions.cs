using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Hosting.Alerts;

/// <summary>Bound from <c>GridTokenX:Alerts</c> (environment <c>GridTokenX__Alerts__…</c>); see docs/operations.md.</summary>
public sealed class AlertsOptions
{
    public const string Section = "GridTokenX:Alerts";

    /// <summary>How this host names itself in alerts; unset = <c>{role}/{machine}/{process id}</c>.</summary>
    [MaxLength(128, ErrorMessage = "GridTokenX:Alerts:Source must be at most 128 characters.")]
    public string? Source { get; set; }

    /// <summary>Least time between two alerts of one kind about one thing (an IP, a user, a queue, a condition).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "GridTokenX:Alerts:Cooldown must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often memory and stream delay are sampled (and a held-back condition re-checked).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "GridTokenX:Alerts:CheckInterval must be between 00:00:00.1 and 01:00:00.")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Working set that counts as high memory, in bytes; 0 = no byte limit.</summary>
    [Range(0, long.MaxValue, ErrorMessage = "GridTokenX:Alerts:HighMemoryBytes must be 0 (off) or a positive number of bytes.")]
    public long HighMemoryBytes { get; set; }

    /// <summary>Working set that counts as high memory, as a percentage of the memory the GC may use (container limit or RAM); 0 = none.</summary>
    [Range(0d, 100d, ErrorMessage = "GridTokenX:Alerts:HighMemoryPercent must be between 0 (off) and 100.")]
    public double HighMemoryPercent { get; set; } = 90;

    /// <summary>Failed authentications from one client IP within <see cref="FailedAuthWindow"/> that make a security event.</summary>
    [Range(1, 1_000_000, ErrorMessage = "GridTokenX:Alerts:FailedAuthThreshold must be between 1 and 1000000.")]
    public int FailedAuthThreshold { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "GridTokenX:Alerts:FailedAuthWindow must be positive and at most 1.00:00:00.")]
    public TimeSpan FailedAuthWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Market data (stream entries) read later than this after they were published raises <c>market_data_delay</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05.4775807", ErrorMessage = "GridTokenX:Alerts:MarketDataDelayThreshold must be positive.")]
    public TimeSpan MarketDataDelayThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Alerts a host holds while the alert center is unreachable; beyond it the oldest waiting alert is dropped (and logged).</summary>
    [Range(1, 1_000_000, ErrorMessage = "GridTokenX:Alerts:QueueCapacity must be between 1 and 1000000.")]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Longest wait between two attempts to deliver an alert to the alert center.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00", ErrorMessage = "GridTokenX:Alerts:MaxRetryDelay must be between 00:00:00.1 and 00:10:00.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
