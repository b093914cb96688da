using System.Diagnostics;
using System.Globalization;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// CPU of the named processes over exactly a measured window, from /proc (100 % = one core), and how busy the whole
/// machine was, other people's processes included: on a shared 2-core box that says whether a run was fair.
/// </summary>
public sealed class CpuSampler(IReadOnlyList<(string Name, int Pid)> processes)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuSampler Parse(string? spec) => new((spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(':'))
        .Select(p => (p[0], p[1] == "self" ? Environment.ProcessId : int.Parse(p[1], CultureInfo.InvariantCulture)))
        .ToList());

    /// <summary>Waits <paramref name="delay"/>, then samples over <paramref name="window"/>; one line of text.</summary>
    public async Task<CpuWindow?> MeasureAsync(TimeSpan delay, TimeSpan window, CancellationToken cancellationToken)
    {
        if (!File.Exists("/proc/stat")) return null;
        await Task.Delay(delay, cancellationToken);
        var before = processes.Select(p => ProcessTicks(p.Pid)).ToArray();
        var machineBefore = MachineTicks();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var machineAfter = MachineTicks();
        var used = processes.Select((p, i) => (p.Name, Ticks: ProcessTicks(p.Pid) - before[i])).ToArray();
        var busy = machineAfter.Busy - machineBefore.Busy;
        var total = machineAfter.Total - machineBefore.Total;
        var cores = Environment.ProcessorCount;
        var other = total == 0 ? 0 : 100.0 * cores * (busy - used.Sum(u => u.Ticks)) / total;
        var machine = total == 0 ? 0 : 100.0 * cores * busy / total;
        return new CpuWindow(used.Select(u => (u.Name, 100 * u.Ticks / TicksPerSecond / seconds)).ToArray(), machine, Math.Max(0, other), cores);
    }

    private static long ProcessTicks(int pid) => GridTokenX.Bench.ProcStat.ProcessTicks(pid);

    private static (long Busy, long Total) MachineTicks() => GridTokenX.Bench.ProcStat.MachineTicks();
}
