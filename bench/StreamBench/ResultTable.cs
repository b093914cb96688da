using System.Globalization;

namespace GridTokenX.Bench.StreamBench;

/// <summary>Prints the results as one Markdown table (pasted as is into docs/benchmarks.md) plus provider/raw ratios.</summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<ScenarioResult> results, TextWriter output)
    {
        output.WriteLine("| transport | period ms | load | published/s | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | missing | errors | CPU bench % | CPU redis % | CPU others % | bench µs/event | redis µs/event |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Transport} | {r.PeriodMs} | {r.Load} | {r.PublishedPerSecond:N0} | {r.DeliveredPerSecond:N0} | {r.P50:F2} | {r.P99:F2} | {r.P999:F2} | {r.Max:F2} | {r.Missing} | {r.Errors} | {r.CpuSelf:F0} | {r.CpuRedis:F0} | {r.CpuOthers:F0} | {r.MicrosPerEvent(r.CpuSelf):F1} | {r.MicrosPerEvent(r.CpuRedis):F1} |"));
        }

        output.WriteLine();
        foreach (var provider in results.Where(r => r.Transport != "raw"))
        {
            var raw = results.FirstOrDefault(r => r.Transport == "raw" && r.PeriodMs == provider.PeriodMs && r.Rate == provider.Rate);
            if (raw is null) continue;
            var line = provider.Rate is null
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{provider.Transport}/raw, period {provider.PeriodMs} ms, saturate: delivered/s {provider.DeliveredPerSecond / raw.DeliveredPerSecond:F3}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{provider.Transport}/raw, period {provider.PeriodMs} ms, {provider.Load}: p50 {provider.P50 / raw.P50:F2}x, p99 {provider.P99 / raw.P99:F2}x, p99.9 {provider.P999 / raw.P999:F2}x");
            output.WriteLine(line);
        }
    }
}
