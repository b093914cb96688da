// Activation time of a market with a long history (issue 12, "Activation time of a market with 1,000,000 historical
// trades, before and after"). Two steps, each its own process so that the memory measured is the activation's alone:
//
//   write <untrimmed redis> <trimmed redis> <trades> <days> <standing book> <users> <batch size>
//     The history, through the real journal store, into two journals: every segment kept, and trimmed as a market
//     now trims it (HistoryWriter).
//   activate <redis> <case name> <rounds> <trades expected>
//     Activates the market ROUNDS times from one journal and prints a markdown row (ActivationProbe).
using System.Diagnostics;
using System.Globalization;
using GridTokenX.Bench.ActivationBench;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Redis.Journal;
using StackExchange.Redis;

var spec = MarketCatalog.Create([], out _).Markets[0];
var serializer = BenchSerializer.Create();
var invariant = CultureInfo.InvariantCulture;
int Int(int i) => int.Parse(args[i], invariant);

switch (args[0])
{
    case "write":
        {
            using var untrimmedRedis = await ConnectionMultiplexer.ConnectAsync(args[1]);
            using var trimmedRedis = await ConnectionMultiplexer.ConnectAsync(args[2]);
            var (trades, days) = (Int(3), Int(4));
            var flow = new TradeFlow(trades, Int(5), Int(6), TimeSpan.FromDays(days), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            var (untrimmed, trimmed) = (new Market(spec), new Market(spec));
            var clock = Stopwatch.StartNew();
            await new HistoryWriter(new RedisJournalStore(untrimmedRedis), new RedisJournalStore(trimmedRedis), spec.Symbol, serializer)
                .WriteAsync(flow, untrimmed, trimmed, Int(7), CancellationToken.None);
            if (untrimmed.TradeCount != trades || trimmed.TradeCount != trades)
            {
                Console.Error.WriteLine($"Expected {trades} trades, the markets made {untrimmed.TradeCount} and {trimmed.TradeCount}.");
                return 1;
            }

            Console.Error.WriteLine(string.Create(invariant,
                $"[activation] history written in {clock.Elapsed.TotalSeconds:F1} s: {flow.Commands:N0} commands, {trades:N0} trades over {days} days, {untrimmed.OrderCount - trimmed.OrderCount:N0} orders trimmed; untrimmed {untrimmed.SegmentsRetained} segments, trimmed {trimmed.SegmentsRetained} kept ({trimmed.SegmentsBefore} and {trimmed.TradesBefore:N0} trades trimmed)"));
            return 0;
        }

    case "activate":
        {
            // Admin mode for INFO: the bytes Redis sent are read from its own counters.
            var connection = ConfigurationOptions.Parse(args[1]);
            connection.AllowAdmin = true;
            using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
            var (name, rounds, expected) = (args[2], Int(3), Int(4));
            var probe = new ActivationProbe(redis, spec, serializer);
            var results = new List<ActivationProbe.Round>();
            for (var r = 0; r < rounds; r++)
            {
                // Only the last round's market is kept: each round rebuilds from nothing, as a new activation does.
                if (results.Count > 0) results[^1] = results[^1] with { Recovered = null! };
                var round = await probe.ActivateAsync(CancellationToken.None);
                Console.Error.WriteLine(string.Create(invariant,
                    $"[activation] {name} round {r + 1}: {round.TotalMs:F0} ms (Redis read {round.LoadMs:F0} ms, rebuild {round.RecoverMs:F0} ms), {round.BytesSent:N0} bytes"));
                results.Add(round);
            }

            var last = results[^1];
            var market = last.Recovered.Market;
            if (market.TradeCount != expected)
            {
                Console.Error.WriteLine($"Activated market has {market.TradeCount} trades, expected {expected}.");
                return 1;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            using var self = Process.GetCurrentProcess();
            var rss = self.WorkingSet64;
            var peak = PeakRss();
            var totals = results.Select(r => r.TotalMs).ToArray();
            Console.WriteLine(string.Create(invariant,
                $"| {name} | {last.Segments:N0} ({market.SegmentsBefore:N0} trimmed) | {market.Trades.Count:N0} of {market.TradeCount:N0} | {market.OrderCount:N0} | {last.Recovered.Replayed:N0} | {last.BytesSent / 1e6:N1} MB | **{Median(totals):N0}** ({totals.Min():N0}–{totals.Max():N0}) | {Median([.. results.Select(r => r.LoadMs)]):N0} / {Median([.. results.Select(r => r.RecoverMs)]):N0} | {heap / 1e6:N0} MB | {rss / 1e6:N0} MB ({peak / 1e6:N0} MB) |"));
            GC.KeepAlive(market);
            return 0;
        }

    default:
        Console.Error.WriteLine("usage: ActivationBench write ... | activate ... (see bench/run-activation.sh)");
        return 2;
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    var mid = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// The most memory the process held at once (VmHWM), in bytes.
static long PeakRss() =>
    long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture) * 1024;
