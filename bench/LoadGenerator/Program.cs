using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GridTokenX.Bench.LoadGenerator;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (UsageException ex)
{
    if (ex.Detail is { } detail) Console.Error.WriteLine(detail);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

return await LoadRun.RunAsync(options);

namespace GridTokenX.Bench.LoadGenerator
{
    public static class LoadRun
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json");
        private static readonly long SliceTicks = 5 * Stopwatch.Frequency;
        private static readonly byte[] NoTradesMarker = Encoding.ASCII.GetBytes("\"trades\":[]");

        public static async Task<int> RunAsync(LoadOptions o)
        {
            string[] authorizations = [];
            if (o.Scenario == Scenario.Orders)
            {
                var key = Encoding.UTF8.GetBytes(o.SigningKey!);
                authorizations = Enumerable.Range(1, o.Users)
                    .Select(i => "Bearer " + Hs256Token.Mint(key, $"lg-user-{i:D5}", TimeSpan.FromHours(2)))
                    .ToArray();
            }

            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = o.Concurrency,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            using var client = new HttpClient(handler) { BaseAddress = o.Url, Timeout = TimeSpan.FromSeconds(30) };

            var runId = DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            var freq = Stopwatch.Frequency;
            var start = Stopwatch.GetTimestamp();
            var measureStart = start + (long)(o.WarmupSeconds * freq);
            var end = measureStart + (long)(o.DurationSeconds * freq);
            var ordersUri = new Uri("api/v1/orders", UriKind.Relative);
            var getUri = new Uri(o.Scenario == Scenario.Markets ? "api/v1/markets" : "health/live", UriKind.Relative);

            var workers = new Worker[o.Concurrency];
            for (var w = 0; w < workers.Length; w++)
                workers[w] = new Worker(new OrderFactory(o.Symbol, o.IocPercent, runId, w, unchecked(o.Seed * 31 + w)), new Random(unchecked(o.Seed * 17 + w)));

            var tasks = workers.Select(worker => Task.Run(async () =>
            {
                while (true)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    if (t0 >= end) break;
                    var measured = t0 >= measureStart;
                    var recorder = measured ? worker.Measured : worker.Warmup;
                    using var request = o.Scenario == Scenario.Orders
                        ? new HttpRequestMessage(HttpMethod.Post, ordersUri) { Content = new ByteArrayContent(worker.Orders.Next()) { Headers = { ContentType = Json } } }
                        : new HttpRequestMessage(HttpMethod.Get, getUri);
                    if (o.Scenario == Scenario.Orders)
                        request.Headers.TryAddWithoutValidation("Authorization", authorizations[worker.Random.Next(authorizations.Length)]);
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        var body = await response.Content.ReadAsByteArrayAsync();
                        var t1 = Stopwatch.GetTimestamp();
                        worker.LastCompletion = t1;
                        var status = (int)response.StatusCode;
                        if (status is >= 200 and < 300)
                        {
                            recorder.Success(t1 - t0);
                            if (measured) worker.Slice((t1 - measureStart) / SliceTicks, t1 - t0);
                            worker.StatusCounts[status] = worker.StatusCounts.GetValueOrDefault(status) + (measured ? 1 : 0);
                            if (measured && o.Scenario == Scenario.Orders && body.AsSpan().IndexOf(NoTradesMarker) < 0) worker.WithFills++;
                        }
                        else
                        {
                            recorder.Failure(status.ToString(CultureInfo.InvariantCulture), t1 - t0);
                            if (worker.SampleFailure is null)
                                worker.SampleFailure = $"{status}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 400)))}";
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        var t1 = Stopwatch.GetTimestamp();
                        worker.LastCompletion = t1;
                        var kind = ex is HttpRequestException h ? $"exception:{h.HttpRequestError}" : $"exception:{ex.GetType().Name}";
                        recorder.Failure(kind, t1 - t0);
                        worker.SampleFailure ??= $"{kind}: {ex.Message}";
                    }
                }
            })).ToArray();
            await Task.WhenAll(tasks);

            Report(o, workers, measureStart);
            return 0;
        }

        private static void Report(LoadOptions o, Worker[] workers, long measureStart)
        {
            var freq = (double)Stopwatch.Frequency;
            var lastCompletion = workers.Max(w => w.LastCompletion);
            var elapsed = Math.Max(lastCompletion - measureStart, 1) / freq;
            var all = workers.SelectMany(w => w.Measured.SuccessTicks).ToArray();
            Array.Sort(all);
            var ok = all.LongLength;
            var failures = Merge(workers.Select(w => w.Measured.Failures));
            var warmupFailures = Merge(workers.Select(w => w.Warmup.Failures));
            var warmupOk = workers.Sum(w => w.Warmup.Successes);
            var failed = failures.Values.Sum();
            var statuses = workers.SelectMany(w => w.StatusCounts).GroupBy(kv => kv.Key).OrderBy(g => g.Key)
                .Select(g => $"{g.Key}={g.Sum(kv => kv.Value)}");
            var rps = ok / elapsed;
            double Pct(double p) => all.Length == 0 ? double.NaN
                : LatencyRecorder.ToMilliseconds(all[Math.Clamp((int)Math.Ceiling(p * all.Length) - 1, 0, all.Length - 1)]);
            var mean = all.Length == 0 ? double.NaN : LatencyRecorder.ToMilliseconds((long)all.Average(t => (double)t));
            var max = all.Length == 0 ? double.NaN : LatencyRecorder.ToMilliseconds(all[^1]);
            var withFills = workers.Sum(w => w.WithFills);

            var ci = CultureInfo.InvariantCulture;
            var what = o.Scenario switch
            {
                Scenario.Orders => $"POST /api/v1/orders ({o.Symbol}, {o.Users} users)",
                Scenario.Markets => "GET /api/v1/markets",
                _ => "GET /health/live",
            };
            Console.WriteLine(string.Create(ci, $"== {o.Scenario.ToString().ToLowerInvariant()}{(o.Label is null ? "" : " [" + o.Label + "]")}: {what} =="));
            Console.WriteLine(string.Create(ci, $"concurrency {o.Concurrency}, warm-up {o.WarmupSeconds:0.#} s ({warmupOk} ok), measured {elapsed:0.00} s"));
            Console.WriteLine(string.Create(ci, $"2xx {ok} ({string.Join(", ", statuses)}), non-2xx/errors {failed}"));
            foreach (var (kind, count) in failures.OrderByDescending(kv => kv.Value)) Console.WriteLine(string.Create(ci, $"  NON-2XX {kind}: {count}"));
            foreach (var (kind, count) in warmupFailures.OrderByDescending(kv => kv.Value)) Console.WriteLine(string.Create(ci, $"  NON-2XX during warm-up {kind}: {count}"));
            if (workers.Select(w => w.SampleFailure).FirstOrDefault(s => s is not null) is { } sample) Console.WriteLine($"  first failure: {sample}");
            Console.WriteLine(string.Create(ci, $"throughput {rps:0} req/s (2xx only)"));
            Console.WriteLine(string.Create(ci, $"latency ms (2xx): p50 {Pct(0.50):0.00}  p90 {Pct(0.90):0.00}  p99 {Pct(0.99):0.00}  p99.9 {Pct(0.999):0.00}  max {max:0.00}  mean {mean:0.00}"));
            var slices = Math.Max(1, (int)Math.Ceiling(elapsed / 5.0 - 0.2)); // a last slice under 1 s is only the tail of in-flight requests
            var timeline = Enumerable.Range(0, Math.Min(slices, 1024)).Select(i =>
                string.Create(ci, $"{workers.Sum(w => w.SliceCounts[i]) / Math.Min(5.0, elapsed - i * 5.0):0}/s max {LatencyRecorder.ToMilliseconds(workers.Max(w => w.SliceMax[i])):0}ms"));
            Console.WriteLine("per 5 s of the measured part: " + string.Join(" | ", timeline));
            if (o.Scenario == Scenario.Orders && ok > 0)
                Console.WriteLine(string.Create(ci, $"orders that traded on arrival: {100.0 * withFills / ok:0.0}%"));
            Console.WriteLine(string.Create(ci,
                $"RESULT scenario={o.Scenario.ToString().ToLowerInvariant()} concurrency={o.Concurrency} rps={rps:0} p50={Pct(0.50):0.00} p90={Pct(0.90):0.00} p99={Pct(0.99):0.00} p999={Pct(0.999):0.00} max={max:0.00} ok={ok} failed={failed} warmup_failed={warmupFailures.Values.Sum()}"));
        }

        private static Dictionary<string, long> Merge(IEnumerable<IReadOnlyDictionary<string, long>> parts)
        {
            var merged = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var part in parts)
                foreach (var (k, v) in part) merged[k] = merged.GetValueOrDefault(k) + v;
            return merged;
        }

        private sealed class Worker(OrderFactory orders, Random random)
        {
            public OrderFactory Orders { get; } = orders;
            public Random Random { get; } = random;
            public LatencyRecorder Measured { get; } = new();
            public LatencyRecorder Warmup { get; } = new();
            public Dictionary<int, long> StatusCounts { get; } = [];
            public long WithFills { get; set; }
            public long LastCompletion { get; set; }
            public string? SampleFailure { get; set; }
            public long[] SliceCounts { get; } = new long[1024];
            public long[] SliceMax { get; } = new long[1024];

            public void Slice(long index, long ticks)
            {
                if (index < 0 || index >= SliceCounts.Length) return;
                SliceCounts[index]++;
                SliceMax[index] = Math.Max(SliceMax[index], ticks);
            }
        }
    }
}
