using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// One run over one set of sockets: read the host's memory, open and subscribe every socket, read it again (idle
/// connections), then measure each feed in turn: the same sockets, the same channel, one feed at a time.
/// </summary>
public static class FanoutRun
{
    public static async Task<int> RunAsync(FanoutOptions o, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = o.Url, Timeout = TimeSpan.FromSeconds(60) };
        // Upgrades leave the pool, so one invoker serves every socket without a handler (and its pool) each.
        using var wsInvoker = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, UseCookies = false });
        using var sockets = new SocketSet();
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var host = new BenchHostApi(http);
        var recorder = new FanoutRecorder();
        var report = new FanoutReport(o, recorder);

        report.MemoryBefore = await host.MemoryAsync(cancellationToken);
        var channels = o.Channels;
        var subscribes = channels.Select(c => Encoding.UTF8.GetBytes($$"""{"op":"subscribe","channels":["{{c}}"],"req_id":"1"}""")).ToArray();
        var connectStart = Stopwatch.GetTimestamp();
        for (var opened = 0; opened < o.Connections; opened += o.Ramp)
        {
            var batch = Enumerable.Range(opened, Math.Min(o.Ramp, o.Connections - opened)).Select(k => (Socket: sockets.Add(new FanoutSocket(recorder)), Index: k)).ToArray();
            var opens = await Task.WhenAll(batch.Select(b => OpenAsync(b.Socket, o, wsInvoker, subscribes[b.Index % subscribes.Length], shutdown.Token)));
            report.ConnectFailures += opens.Count(ok => !ok);
        }

        report.Connected = o.Connections - report.ConnectFailures;
        report.ConnectSeconds = Stopwatch.GetElapsedTime(connectStart).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"connected and subscribed {report.Connected}/{o.Connections} sockets in {report.ConnectSeconds:0.0} s ({report.ConnectFailures} failed)"));
        await Task.Delay(TimeSpan.FromSeconds(o.SettleSeconds), cancellationToken);
        report.MemoryAfter = await host.MemoryAsync(cancellationToken);
        await host.ThreadPoolAsync(cancellationToken); // each phase reports its own peak

        foreach (var phase in o.Phases)
        {
            recorder.Stage = phase;
            if (phase == "orleans") await OrleansPhaseAsync(o, http, host, recorder, report, cancellationToken);
            else if (phase == "baseline") await BaselinePhaseAsync(o, host, recorder, report, cancellationToken);
            else await IdlePhaseAsync(o, report, cancellationToken);
            if (await host.ThreadPoolAsync(cancellationToken) is { } pool) report.ThreadPool[phase] = pool;
        }

        recorder.Stage = "end";
        recorder.Finish();
        report.Print();
        await shutdown.CancelAsync();
        return 0;
    }

    /// <summary>Sockets are opened in ramp-sized waves; each wave waits for its `subscribed` replies.</summary>
    private static async Task<bool> OpenAsync(FanoutSocket socket, FanoutOptions o, HttpMessageInvoker invoker, byte[] subscribe, CancellationToken cancellationToken)
    {
        try
        {
            await socket.OpenAsync(o.WebSocketUrl, invoker, subscribe, o.Deflate, cancellationToken);
            await socket.Subscribed.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or HttpRequestException or TimeoutException or IOException)
        {
            return false;
        }
    }

    private static async Task OrleansPhaseAsync(FanoutOptions o, HttpClient http, BenchHostApi host, FanoutRecorder recorder, FanoutReport report, CancellationToken cancellationToken)
    {
        var symbols = o.Channels.Select(c => c[(c.IndexOf(':', StringComparison.Ordinal) + 1)..]).ToArray();
        var driver = new OrderDriver(http, Encoding.UTF8.GetBytes(o.SigningKey!), symbols);
        await driver.SeedBookAsync(cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orleans phase: {o.PairsPerSecond} crossing order pairs/s over {symbols.Length} market(s), warm-up {o.WarmupSeconds} s, measured {o.DurationSeconds} s"));
        var cpu = StartWindow(o, recorder.Orleans, cancellationToken);
        var window = ResetHostReadingsAfterWarmupAsync(o, host, cancellationToken);
        await driver.RunAsync(o.PairsPerSecond, o.WarmupSeconds + o.DurationSeconds, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(o.SettleSeconds), cancellationToken);
        report.DrainSeconds = await DrainAsync(recorder.Orleans, cancellationToken);
        report.Cpu["orleans"] = await cpu;
        await window;
        report.Driver = (driver.Trades, driver.Failed, driver.Skipped);
    }

    private static async Task BaselinePhaseAsync(FanoutOptions o, BenchHostApi host, FanoutRecorder recorder, FanoutReport report, CancellationToken cancellationToken)
    {
        // "auto" matches the event rate the Orleans phase delivered, so the two feeds are compared at the same load: each
        // socket watches one market, so every market channel carries the per-socket rate.
        var channels = o.Channels;
        var rate = o.BaselineRate ?? Math.Max(1, Math.Round(report.EventsPerSocketPerSecond(recorder.Orleans) * channels.Length, 1));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"baseline phase: in-process broadcast at {rate} events/s over {channels.Length} channel(s), warm-up {o.WarmupSeconds} s, measured {o.DurationSeconds} s"));
        var cpu = StartWindow(o, recorder.Baseline, cancellationToken);
        var window = ResetHostReadingsAfterWarmupAsync(o, host, cancellationToken);
        await host.StartBroadcastAsync(string.Join(',', channels), rate, o.WarmupSeconds + o.DurationSeconds, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds + o.DurationSeconds + o.SettleSeconds), cancellationToken);
        report.Cpu["baseline"] = await cpu;
        await window;
        report.Broadcast = await host.BroadcastStatusAsync(cancellationToken);
    }

    /// <summary>
    /// Waits until the feed has been quiet for a second (at most a minute), so a backlog still arriving cannot load the
    /// next phase; returns how long that took after the settle time (0 when it was already quiet).
    /// </summary>
    private static async Task<double> DrainAsync(PhaseStats stats, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(stats.LastReceived) < TimeSpan.FromSeconds(1) && Stopwatch.GetElapsedTime(start) < TimeSpan.FromMinutes(1))
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>No feed at all: what holding the sockets costs by itself (server pings, timers, the runtime).</summary>
    private static async Task IdlePhaseAsync(FanoutOptions o, FanoutReport report, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle phase: no events, warm-up {o.WarmupSeconds} s, measured {o.DurationSeconds} s"));
        report.Cpu["idle"] = await StartWindow(o, new PhaseStats("idle"), cancellationToken);
    }

    /// <summary>The host's readings (thread pool, GC, arrival ages) then cover the measured window and the settle time, not the warm-up.</summary>
    private static async Task ResetHostReadingsAfterWarmupAsync(FanoutOptions o, BenchHostApi host, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds), cancellationToken);
        await host.ThreadPoolAsync(cancellationToken);
    }

    /// <summary>Opens a phase's measured window after its warm-up and samples CPU half a second inside both ends.</summary>
    private static Task<CpuWindow?> StartWindow(FanoutOptions o, PhaseStats stats, CancellationToken cancellationToken)
    {
        stats.SetWindow(Stopwatch.GetTimestamp() + (long)(o.WarmupSeconds * Stopwatch.Frequency), o.DurationSeconds);
        return CpuSampler.Parse(o.CpuPids).MeasureAsync(TimeSpan.FromSeconds(o.WarmupSeconds + 0.5),
            TimeSpan.FromSeconds(Math.Max(0.5, o.DurationSeconds - 1)), cancellationToken);
    }
}
