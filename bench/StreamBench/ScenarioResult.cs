namespace GridTokenX.Bench.StreamBench;

/// <summary>One row of the table: a transport at a pulling period under one load shape.</summary>
public sealed record ScenarioResult(
    string Transport,
    int PeriodMs,
    int? Rate,
    double PublishedPerSecond,
    double DeliveredPerSecond,
    double P50,
    double P99,
    double P999,
    double Max,
    long Missing,
    long Duplicates,
    double FirstDuplicateSeconds,
    long Errors,
    double CpuSelf,
    double CpuRedis,
    double CpuOthers)
{
    public string Load => Rate is { } r ? $"{r:N0}/s" : "saturate";

    /// <summary>CPU time per delivered event, in microseconds: where the cost goes, independent of the rate.</summary>
    public double MicrosPerEvent(double cpuPercent) => cpuPercent / 100 * 1e6 / DeliveredPerSecond;
}
