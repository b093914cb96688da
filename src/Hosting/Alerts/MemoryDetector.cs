using System.Globalization;
using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// <c>high_memory</c> (warning) when the process's memory reaches the configured limit, and a <c>high_memory</c> of
/// severity info once it is back below the re-arm level, so operators see the episode end.
/// </summary>
public sealed class MemoryDetector(IAlertSink sink, TimeProvider time, AlertsOptions options)
{
    private readonly MemoryThreshold _threshold = new(options.HighMemoryBytes, options.HighMemoryPercent);
    private readonly AlertCondition _condition = new(options.Cooldown);

    public bool Enabled => _threshold.Enabled;

    /// <param name="usedBytes">The process's working set.</param>
    /// <param name="availableBytes">What the GC may use (the container limit, or the machine's memory).</param>
    public void Sample(long usedBytes, long availableBytes)
    {
        var high = _threshold.Sample(usedBytes, availableBytes);
        var limit = _threshold.LimitFor(availableBytes);
        var details = new Dictionary<string, string>
        {
            ["used_bytes"] = usedBytes.ToString(CultureInfo.InvariantCulture),
            ["limit_bytes"] = limit.ToString(CultureInfo.InvariantCulture),
            ["available_bytes"] = availableBytes.ToString(CultureInfo.InvariantCulture),
        };
        _condition.Report(high, time.GetUtcNow(), sink, AlertKind.HighMemory,
            $"Memory use {Mib(usedBytes)} MiB reached the limit of {Mib(limit)} MiB.",
            $"Memory use is back to {Mib(usedBytes)} MiB, below {MemoryThreshold.RearmRatio:P0} of the limit.", details);
    }

    private static string Mib(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
}
