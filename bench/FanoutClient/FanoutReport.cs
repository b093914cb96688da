using System.Globalization;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// Prints a run: per feed, the delivery rate, latency percentiles, event mix and per-second spread; closes and errors
/// by kind; the host's memory per idle connection. The RESULT/MEMORY lines are what bench/run-fanout.sh tabulates.
/// </summary>
public sealed class FanoutReport(FanoutOptions options, FanoutRecorder recorder)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public MemoryReading? MemoryBefore { get; set; }
    public MemoryReading? MemoryAfter { get; set; }
    public int Connected { get; set; }
    public int ConnectFailures { get; set; }
    public double ConnectSeconds { get; set; }
    public (long Trades, long Failed, long Skipped)? Driver { get; set; }
    public double DrainSeconds { get; set; }
    public BroadcastStatus? Broadcast { get; set; }
    public Dictionary<string, CpuWindow?> Cpu { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ThreadPoolReading> ThreadPool { get; } = new(StringComparer.Ordinal);

    public double EventsPerSocketPerSecond(PhaseStats stats) =>
        Connected == 0 || stats.WindowSeconds == 0 ? 0 : stats.Latency.Count / stats.WindowSeconds / Connected;

    public void Print()
    {
        Console.WriteLine();
        foreach (var phase in options.Phases)
        {
            if (phase == "idle") PrintIdle();
            else Print(phase == "orleans" ? recorder.Orleans : recorder.Baseline, phase);
        }

        var closes = string.Join(", ", recorder.Closes.Select(c => $"{c.Key}: {c.Value}"));
        var failures = string.Join(", ", recorder.Failures.Select(c => $"{c.Key}: {c.Value}"));
        Console.WriteLine(string.Create(Ci, $"closes by the server: {(closes.Length == 0 ? "none" : closes)}; receive errors: {(failures.Length == 0 ? "none" : failures)}; error replies {recorder.ErrorReplies}; other frames {recorder.OtherMessages}"));
        Console.WriteLine(string.Create(Ci, $"slow_consumer (1013) closes: {recorder.SlowConsumerCloses()}"));
        if (options.Deflate) Console.WriteLine(string.Create(Ci, $"permessage-deflate offered; the server accepted it on {recorder.DeflateSockets} of {Connected} sockets"));
        if (Driver is { } d)
        {
            Console.WriteLine(string.Create(Ci, $"order driver: {d.Trades} pairs traded, {d.Failed} orders refused or failed, {d.Skipped} pairs skipped because {OrderDriver.MaxPairsInFlight} were already in flight"));
            Console.WriteLine(string.Create(Ci, $"Orleans feed still delivering {DrainSeconds:0.0} s after the settle time ({options.SettleSeconds} s) that followed the last order"));
        }

        if (Broadcast is { } b) Console.WriteLine(string.Create(Ci, $"broadcaster: {b.Published} events published at {b.EventsPerSecond}/s from {b.Templates} templates, pacing at most {b.MaxLateMs:0.0} ms late"));
        PrintMemory();
    }

    private void Print(PhaseStats stats, string phase)
    {
        var h = stats.Latency;
        var perSocket = EventsPerSocketPerSecond(stats);
        var deliveries = h.Count / Math.Max(stats.WindowSeconds, 1e-9);
        var seconds = stats.PerSecond();
        var mix = string.Join(", ", EventKinds.All.Where(k => stats.OfType(k) > 0).Select(k => $"{EventKinds.Name(k)} {stats.OfType(k)}"));
        Console.WriteLine(string.Create(Ci, $"== {stats.Name}: {Connected} sockets, measured {stats.WindowSeconds:0.#} s =="));
        Console.WriteLine(string.Create(Ci, $"deliveries {h.Count} ({mix}); outside the window {stats.Outside}"));
        Console.WriteLine(string.Create(Ci, $"{perSocket:0.00} events/s per socket, {deliveries:0} deliveries/s"));
        if (seconds.Length > 0)
            Console.WriteLine(string.Create(Ci, $"deliveries per second of the window: min {seconds.Min()} max {seconds.Max()}"));
        var worst = stats.MaxLatencyPerSecond();
        if (worst.Length > 0)
            Console.WriteLine("max latency ms in each second: " + string.Join(" ", worst.Select(w => (w / 1000).ToString(Ci))));
        if (ThreadPool.TryGetValue(phase, out var pool))
        {
            Console.WriteLine(string.Create(Ci, $"api host thread pool: peak queue {pool.PeakPendingWorkItems} work items, {pool.Threads} threads; GC: {pool.Gen0}/{pool.Gen1}/{pool.Gen2} collections of gen 0/1/2, paused {pool.GcPauseMs:F0} ms in all, longest pause seen {pool.LongestSampledGcPauseMs:F1} ms; allocated {pool.AllocatedBytes >> 20} MiB"));
            foreach (var c in pool.Collections) Console.WriteLine("  gc " + c);
            foreach (var a in pool.TopAllocations) Console.WriteLine("  allocated " + a);
            if (pool.ArrivalAge is { Events: > 0 } age)
                Console.WriteLine(string.Create(Ci, $"age of events on reaching the api host (before fan-out), ms: p50 {age.P50Ms:F2} p99 {age.P99Ms:F2} max {age.MaxMs:F2} ({age.Events} channel events); the hub's hand-over of one event to its sockets: p50 {age.HandOverP50Ms:F2} p99 {age.HandOverP99Ms:F2}"));
        }

        Console.WriteLine(string.Create(Ci, $"latency ms (receive - envelope timestamp): p50 {Ms(h.Percentile(0.50))} p90 {Ms(h.Percentile(0.90))} p99 {Ms(h.Percentile(0.99))} p99.9 {Ms(h.Percentile(0.999))} max {Ms(h.MaxMicros)}"));
        if (Cpu.GetValueOrDefault(phase) is { } cpu) Console.WriteLine(cpu.Describe(deliveries));
        Console.WriteLine(string.Create(Ci,
            $"RESULT phase={phase} connections={Connected} events_per_socket={perSocket:0.00} deliveries={deliveries:0} p50={Ms(h.Percentile(0.50))} p99={Ms(h.Percentile(0.99))} p999={Ms(h.Percentile(0.999))} max={Ms(h.MaxMicros)} slow_consumer={recorder.SlowConsumerCloses(phase)}"));
        Console.WriteLine();
    }

    private void PrintIdle()
    {
        Console.WriteLine(string.Create(Ci, $"== idle: {Connected} sockets, no events, measured {options.DurationSeconds:0.#} s =="));
        Console.WriteLine(Cpu.GetValueOrDefault("idle")?.Describe(0) ?? "cpu: not measured");
        Console.WriteLine();
    }

    private void PrintMemory()
    {
        if (MemoryBefore is not { } before || MemoryAfter is not { } after || Connected == 0)
        {
            Console.WriteLine("MEMORY unavailable (the host has no /bench/memory: run against bench/FanoutHost)");
            return;
        }

        var rss = (after.RssBytes - before.RssBytes) / (double)Connected;
        var gc = (after.GcHeapBytes - before.GcHeapBytes) / (double)Connected;
        Console.WriteLine(string.Create(Ci,
            $"host memory, {before.Connections} -> {after.Connections} open sockets: RSS {before.RssBytes / 1048576.0:0.0} -> {after.RssBytes / 1048576.0:0.0} MiB, GC heap after full GC {before.GcHeapBytes / 1048576.0:0.0} -> {after.GcHeapBytes / 1048576.0:0.0} MiB, GC committed {before.GcCommittedBytes / 1048576.0:0.0} -> {after.GcCommittedBytes / 1048576.0:0.0} MiB"));
        Console.WriteLine(string.Create(Ci, $"MEMORY connections={Connected} rss_per_connection={rss:0} gc_heap_per_connection={gc:0}"));
    }

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.00", Ci);
}
