using System.Globalization;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// Prints the results as one Markdown table (pasted as is into docs/benchmarks.md) plus provider/raw ratios. With
/// repeats, every cell is the median over the runs of that row, and throughput and p99 also show min–max: the
/// machine is shared, so the spread says how far to trust a difference.
/// </summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<ScenarioResult> results, TextWriter output)
    {
        var rows = results.GroupBy(r => (r.Transport, r.PeriodMs, r.Rate)).Select(g => g.ToList()).ToList();
        output.WriteLine("| transport | period ms | load | runs | published/s | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms | missing | dup | errors | CPU bench % | CPU redis % | CPU others % | bench µs/event | redis µs/event |");
        output.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var runs in rows)
        {
            var r = runs[0];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Transport} | {r.PeriodMs} | {r.Load} | {runs.Count} | {Median(runs, x => x.PublishedPerSecond):N0} | {Spread(runs, x => x.DeliveredPerSecond, "N0")} " +
                $"| {Median(runs, x => x.P50):F2} | {Spread(runs, x => x.P99, "F2")} | {Median(runs, x => x.P999):F2} | {Median(runs, x => x.Max):F2} " +
                $"| {runs.Sum(x => x.Missing)} | {runs.Sum(x => x.Duplicates)} | {runs.Sum(x => x.Errors)} | {Median(runs, x => x.CpuSelf):F0} | {Median(runs, x => x.CpuRedis):F0} | {Median(runs, x => x.CpuOthers):F0} " +
                $"| {Median(runs, x => x.MicrosPerEvent(x.CpuSelf)):F1} | {Median(runs, x => x.MicrosPerEvent(x.CpuRedis)):F1} |"));
        }

        output.WriteLine();
        foreach (var other in rows.Where(g => g[0].Transport != "raw"))
        {
            var o = other[0];
            var raw = rows.FirstOrDefault(g => g[0].Transport == "raw" && g[0].PeriodMs == o.PeriodMs && g[0].Rate == o.Rate);
            if (raw is null) continue;
            var line = o.Rate is null
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{o.Transport}/raw, period {o.PeriodMs} ms, saturate: delivered/s {Median(other, x => x.DeliveredPerSecond) / Median(raw, x => x.DeliveredPerSecond):F3}")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{o.Transport}/raw, period {o.PeriodMs} ms, {o.Load}: p50 {Median(other, x => x.P50) / Median(raw, x => x.P50):F2}x, " +
                    $"p99 {Median(other, x => x.P99) / Median(raw, x => x.P99):F2}x, p99.9 {Median(other, x => x.P999) / Median(raw, x => x.P999):F2}x");
            output.WriteLine(line);
        }
    }

    private static double Median(List<ScenarioResult> runs, Func<ScenarioResult, double> value)
    {
        var sorted = runs.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Spread(List<ScenarioResult> runs, Func<ScenarioResult, double> value, string format)
    {
        var median = Median(runs, value).ToString(format, CultureInfo.InvariantCulture);
        if (runs.Count == 1) return median;
        return string.Create(CultureInfo.InvariantCulture,
            $"{median} ({runs.Min(value).ToString(format, CultureInfo.InvariantCulture)}–{runs.Max(value).ToString(format, CultureInfo.InvariantCulture)})");
    }
}
