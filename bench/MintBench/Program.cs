// Mints per second through the real grain path (issue 10, "Mints per second"): a silo in this process over Redis, with
// Redlock over the given lock nodes; each worker mints its own user's readings one after another, so every mint takes
// that user's wallet lock uncontended, writes one fenced money write and records the outcome in the reading's grain
// state. Readings and meters are set up first, untimed.
//
// Usage: MintBench <redis> <lock endpoints, comma-separated> <users> <readings per user>
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Hosting;
using GridTokenX.Redis.Money;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var redis = args[0];
var lockEndpoints = args[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
var users = int.Parse(args[2], CultureInfo.InvariantCulture);
var perUser = int.Parse(args[3], CultureInfo.InvariantCulture);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var run = Guid.NewGuid().ToString("N")[..8];
var settings = new SiloSettings("mintbench-" + run, "mintbench-" + run, redis, FreePort(), FreePort(), IPAddress.Loopback, StreamPullPeriod: null)
{
    LockEndpoints = lockEndpoints,
};
builder.UseOrleans(silo => silo.AddGridTokenX(builder.Configuration, settings));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var money = host.Services.GetRequiredService<IMoneyStore>();

var start = DateTimeOffset.UtcNow.AddDays(-1);
var owners = Enumerable.Range(0, users).Select(u => $"bench-{run}-u{u}").ToArray();
await Task.WhenAll(owners.Select(async (owner, u) =>
{
    var meterId = $"bench-{run}-m{u}";
    await grains.GetGrain<IMeterGrain>(meterId).Register(owner);
    for (var r = 0; r < perUser; r++)
    {
        var recorded = await grains.GetGrain<IMeterGrain>(meterId).RecordReading(
            new ReadingSubmission(meterId, $"{meterId}-r{r}", 1.001m, start.AddSeconds(r)));
        if (recorded.Outcome != RecordReadingOutcome.Created) throw new InvalidOperationException($"Setup: {recorded.Outcome}");
    }
}));

// One untimed mint per user first: grain activations, script loading and connections are not what is measured.
foreach (var warm in await Task.WhenAll(owners.Select((owner, u) => grains.GetGrain<IReadingGrain>($"bench-{run}-m{u}-r0").Mint(owner))))
{
    if (warm.Outcome != MintOutcome.Minted) throw new InvalidOperationException($"Warm-up mint: {warm.Outcome}");
}

var latencies = new double[users * (perUser - 1)];
var clock = Stopwatch.StartNew();
await Task.WhenAll(owners.Select((owner, u) => Task.Run(async () =>
{
    for (var r = 1; r < perUser; r++)
    {
        var began = Stopwatch.GetTimestamp();
        var result = await grains.GetGrain<IReadingGrain>($"bench-{run}-m{u}-r{r}").Mint(owner);
        latencies[u * (perUser - 1) + r - 1] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
        if (result.Outcome != MintOutcome.Minted) throw new InvalidOperationException($"Mint: {result.Outcome}");
    }
})));
clock.Stop();

Array.Sort(latencies);
double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
var totals = await money.GetTotalsAsync(CancellationToken.None);
var expected = users * perUser * 1.001m;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {lockEndpoints.Length} | {users} | {latencies.Length} | {latencies.Length / clock.Elapsed.TotalSeconds:F0} | {P(0.5):F2} | {P(0.99):F2} | {P(0.999):F2} | {(totals.Sources[Assets.Kwh] == expected && totals.Imbalance(Assets.Kwh) == 0 ? "exact" : "WRONG")} |"));
if (totals.Imbalance(Assets.Kwh) != 0 || totals.Sources[Assets.Kwh] != expected)
    Console.Error.WriteLine($"Conservation: sources {totals.Sources[Assets.Kwh]}, expected {expected}, imbalance {totals.Imbalance(Assets.Kwh)}");
await host.StopAsync();
return totals.Imbalance(Assets.Kwh) == 0 && totals.Sources[Assets.Kwh] == expected ? 0 : 1;

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}
