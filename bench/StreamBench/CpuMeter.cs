using System.Diagnostics;
using System.Globalization;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// CPU used over a window (100 % = one core): this process (silo, producer, subscriber or raw loop), redis-server,
/// and whatever else ran on the machine meanwhile (other engineers' builds share the 2 cores).
/// </summary>
public sealed class CpuMeter(int? redisPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private TimeSpan _self;
    private long _redis;
    private (long Busy, long Total) _machine;
    private long _start;

    public void Start()
    {
        _self = Process.GetCurrentProcess().TotalProcessorTime;
        _redis = RedisTicks();
        _machine = MachineTicks();
        _start = Stopwatch.GetTimestamp();
    }

    public (double Self, double Redis, double Others) Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _self).TotalSeconds / seconds * 100;
        var redis = redisPid is null ? double.NaN : (RedisTicks() - _redis) / TicksPerSecond / seconds * 100;
        var (busy, total) = MachineTicks();
        var machine = total == _machine.Total ? 0 : 100.0 * Environment.ProcessorCount * (busy - _machine.Busy) / (total - _machine.Total);
        return (self, redis, Math.Max(0, machine - self - (double.IsNaN(redis) ? 0 : redis)));
    }

    private long RedisTicks()
    {
        if (redisPid is not { } pid) return 0;
        return GridTokenX.Bench.ProcStat.ProcessTicks(pid);
    }

    private static (long Busy, long Total) MachineTicks() => GridTokenX.Bench.ProcStat.MachineTicks();
}
