using GridTokenX.Bench.StreamBench;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// The raw loop's entries are sized like the provider's: the same payload record through the same serializer.
await using var serializerServices = new ServiceCollection().AddSerializer().BuildServiceProvider();
var entryBytes = ProviderTransport.EntrySize(serializerServices.GetRequiredService<Serializer>(),
    StreamId.Create(ProviderTransport.Namespace, Guid.NewGuid()), options.Padding);
Console.WriteLine($"event padding {options.Padding} B -> stream entry {entryBytes} B; in-flight {options.InFlight}; " +
    $"warm-up {options.WarmupSeconds} s, measured {options.DurationSeconds} s per scenario; provider queues {options.Queues}");

var driver = new LoadDriver(options);
var results = new List<ScenarioResult>();
var idle = new List<string>();
foreach (var periodMs in options.PeriodsMs)
{
    var period = TimeSpan.FromMilliseconds(periodMs);
    // Transports alternate within each repeat, so a burst of other people's load hits both sides alike.
    for (var repeat = 1; repeat <= options.Repeat; repeat++)
    {
        foreach (var name in options.Transports)
        {
            await using IStreamTransport transport = name switch
            {
                "provider" => await ProviderTransport.StartAsync(options.Redis, options.Queues, period, options.Padding, cancel.Token),
                _ => await RawTransport.StartAsync(options.Redis, entryBytes, period, notify: name == "notify",
                    TimeSpan.FromMilliseconds(options.NotifyWaitMs), cancel.Token),
            };
            if (transport.EntryBytes != entryBytes) Console.WriteLine($"!! {transport.Name} entry is {transport.EntryBytes} B, raw uses {entryBytes} B");

            var loads = (options.Saturate ? new int?[] { null } : []).Concat(options.Rates.Select(r => (int?)r));
            foreach (var rate in loads)
            {
                var result = await driver.RunAsync(transport, periodMs, rate, cancel.Token);
                results.Add(result);
                Console.WriteLine($"  {result.Transport,-10} period {periodMs,4} ms {result.Load,-9}: {result.DeliveredPerSecond,9:N0} delivered/s, " +
                    $"p50 {result.P50:F2} ms, p99 {result.P99:F2} ms, p99.9 {result.P999:F2} ms, missing {result.Missing}, errors {result.Errors}" +
                    (result.Duplicates > 0 ? $", {result.Duplicates} duplicates (first {result.FirstDuplicateSeconds:F1} s in)" : ""));
            }

            if (options.IdleSeconds > 0 && repeat == 1)
            {
                // After the load (JIT and start-up work done) and its drain: nothing is pending, so every XREADGROUP is an idle poll.
                await Task.Delay(TimeSpan.FromSeconds(3), cancel.Token);
                var (reads, self, redis, others) = await new IdleProbe(options.Redis, options.RedisPid).MeasureAsync(options.IdleSeconds, cancel.Token);
                idle.Add($"| {transport.Name} | {periodMs} | {(name == "provider" ? options.Queues : 1)} | {reads:N0} | {self:F1} | {redis:F1} | {others:F0} |");
            }
        }
    }
}

Console.WriteLine();
ResultTable.Print(results, Console.Out);
if (idle.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| idle transport | period ms | queues | XREADGROUP/s | CPU bench % | CPU redis % | CPU others % |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    idle.ForEach(Console.WriteLine);
}

return 0;
