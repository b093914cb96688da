using System.Diagnostics;

namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// Runs one scenario against a transport: warm-up, then a measured window, then waits until every event sent has
/// been received (or delivery stalls). Saturation keeps <see cref="BenchOptions.InFlight"/> publishes outstanding;
/// a fixed rate releases events on a 1 ms schedule (bursts of rate/1000), still bounded by the same in-flight limit.
/// Latency runs from just before the publish call to the subscriber's receipt.
/// </summary>
public sealed class LoadDriver(BenchOptions options)
{
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(15);

    public async Task<ScenarioResult> RunAsync(IStreamTransport transport, int periodMs, int? rate, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(options.DurationSeconds * Stopwatch.Frequency);
        var log = new DeliveryLog(windowStart, windowEnd);
        DeliveryLog.Current = log;
        var cpu = new CpuMeter(options.RedisPid);
        var cpuStarted = false;
        using var permits = new SemaphoreSlim(options.InFlight);
        var padding = new byte[options.Padding];
        long sent = 0, publishedInWindow = 0, errors = 0;

        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= windowEnd) break;
            if (!cpuStarted && now >= windowStart)
            {
                cpu.Start();
                cpuStarted = true;
            }

            var due = rate is { } r ? (long)((now - start) * (double)r / Stopwatch.Frequency) : sent + options.InFlight;
            if (sent >= due)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                continue;
            }

            while (sent < due)
            {
                await permits.WaitAsync(cancellationToken).ConfigureAwait(false);
                _ = PublishOneAsync(new BenchEvent(sent++, Stopwatch.GetTimestamp(), padding));
            }
        }

        var (cpuSelf, cpuRedis, cpuOthers) = cpuStarted ? cpu.Stop() : (double.NaN, double.NaN, double.NaN);
        for (var i = 0; i < options.InFlight; i++) await permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        await DrainAsync(log, sent, cancellationToken).ConfigureAwait(false);

        var (p50, p99, p999, max, _) = log.Percentiles();
        return new ScenarioResult(transport.Name, periodMs, rate, publishedInWindow / options.DurationSeconds,
            log.ReceivedInWindow / options.DurationSeconds, p50, p99, p999, max, sent - log.Received, log.Duplicates, log.FirstDuplicateSeconds(start), errors, cpuSelf, cpuRedis, cpuOthers);

        async Task PublishOneAsync(BenchEvent item)
        {
            try
            {
                await transport.PublishAsync(item, cancellationToken).ConfigureAwait(false);
                var done = Stopwatch.GetTimestamp();
                if (done >= windowStart && done < windowEnd) Interlocked.Increment(ref publishedInWindow);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Counted and shown in the table; a benchmark with publish errors is not a valid measurement.
                Interlocked.Increment(ref errors);
            }
            finally
            {
                permits.Release();
            }
        }
    }

    // The next scenario must start on an empty queue, or its latencies would include this one's backlog.
    private static async Task DrainAsync(DeliveryLog log, long sent, CancellationToken cancellationToken)
    {
        var last = log.Received;
        var lastProgress = Stopwatch.GetTimestamp();
        while (log.Received < sent && Stopwatch.GetElapsedTime(lastProgress) < DrainStall)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            if (log.Received == last) continue;
            last = log.Received;
            lastProgress = Stopwatch.GetTimestamp();
        }
    }
}
