using System.Globalization;
using GridTokenX.ApiHost.Realtime;

namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// Bench-only routes, unauthenticated on purpose: this host binds to loopback in the benchmark and is never deployed.
/// <c>POST /bench/broadcast</c> starts the in-process baseline; <c>GET /bench/memory</c> reads this process's memory;
/// <c>GET /bench/threadpool</c> the thread pool's peak queue, the collections and allocations, and the arrival ages of
/// events since the last read; <c>POST /bench/gc0</c> forces one gen-0 collection and returns its pause.
/// </summary>
public static class BenchEndpoints
{
    public static void MapBenchEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var bench = app.MapGroup("/bench").AllowAnonymous().ExcludeFromDescription();
        // channel: one channel or several, comma-separated; the rate is for all of them together.
        bench.MapPost("/broadcast", (Broadcaster broadcaster, string channel, double rate, double seconds) =>
            rate is > 0 and <= 100_000 && seconds is > 0 and <= 3600
                ? broadcaster.TryStart(channel.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), rate, seconds) ? Results.Accepted(value: broadcaster.Status) : Results.Conflict(broadcaster.Status)
                : Results.BadRequest("rate must be in (0, 100000] events/s and seconds in (0, 3600]"));
        bench.MapGet("/broadcast", (Broadcaster broadcaster) => broadcaster.Status);
        bench.MapGet("/threadpool", (ThreadPoolWatch watch) => watch.ReadAndReset());
        bench.MapGet("/memory", (RealtimeMetrics metrics, bool? collect) => Memory(metrics, collect ?? true));
        // One forced gen-0 collection and its pause: what a young collection costs with this many sockets, by itself.
        bench.MapPost("/gc0", () =>
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            var gc = GC.GetGCMemoryInfo(GCKind.Ephemeral);
            return Results.Ok(new { gc.Index, gc.Generation, PauseMs = gc.PauseDurations[0].TotalMilliseconds, PromotedBytes = gc.PromotedBytes });
        });
    }

    private static MemoryReading Memory(RealtimeMetrics metrics, bool collect)
    {
        // A full blocking, compacting collection first, so the heap size is what is live, not what awaits the GC.
        if (collect) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo();
        return new MemoryReading(ProcStatusBytes("VmRSS:"), GC.GetTotalMemory(false), info.TotalCommittedBytes, metrics.Connections);
    }

    /// <summary>A "kB" line of /proc/self/status, in bytes (0 where there is no /proc).</summary>
    private static long ProcStatusBytes(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return 0;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var kb = line?[key.Length..].Trim().Split(' ')[0];
        return kb is null ? 0 : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
    }
}

public sealed record MemoryReading(long RssBytes, long GcHeapBytes, long GcCommittedBytes, long Connections);
