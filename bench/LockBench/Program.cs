using System.Diagnostics;
using System.Globalization;
using GridTokenX.Bench.LockBench;
using GridTokenX.Redis.Locking;
using StackExchange.Redis;

// Lock benchmark (issue 10): this project's fenced Redlock, RedLock.net and DistributedLock.Redis, side by side in one
// run on the same redis-servers and connections. Uncontended acquire+release latency, then throughput with WORKERS
// tasks contending for RESOURCES resources. Implementations alternate within each round; ROUNDS rounds.
// Usage: LockBench <port,port,...> [iterations=5000] [rounds=3] [contention seconds=5] [workers=16] [resources=4]
var ports = args[0].Split(',').Select(int.Parse).ToArray();
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
var workers = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 16;
var resources = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 4;
var ttl = TimeSpan.FromSeconds(10);

var connections = new List<ConnectionMultiplexer>();
foreach (var port in ports)
{
    var options = ConfigurationOptions.Parse($"127.0.0.1:{port},abortConnect=false");
    options.SocketManager = SocketManager.ThreadPool;
    options.BacklogPolicy = BacklogPolicy.FailFast;
    connections.Add(await ConnectionMultiplexer.ConnectAsync(options));
}

ILockUnderTest[] locks =
[
    new GridTokenXLock([.. connections.Select((c, i) => new LockNode($"node{i}", c.GetDatabase()))], ttl),
    new RedLockNetLock(connections, ttl),
    new DistributedLockRedisLock([.. connections.Select(c => c.GetDatabase())], ttl),
];

var latency = locks.ToDictionary(l => l.Name, _ => new List<double>());
var throughput = locks.ToDictionary(l => l.Name, _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var subject in locks)
    {
        await Uncontended(subject, iterations / 5, null); // warm-up
        var samples = new List<double>(iterations);
        await Uncontended(subject, iterations, samples);
        latency[subject.Name].AddRange(samples);
        throughput[subject.Name].Add(await Contended(subject, TimeSpan.FromSeconds(seconds), workers, resources));
    }
}

Console.WriteLine($"nodes={ports.Length} iterations={iterations}x{rounds} contention={workers} workers/{resources} resources/{seconds}s x{rounds}");
Console.WriteLine($"{"implementation",-30} {"p50 µs",9} {"p99 µs",9} {"p99.9 µs",9} {"contended acq/s (median)",26}");
foreach (var subject in locks)
{
    var all = latency[subject.Name];
    all.Sort();
    var perRound = throughput[subject.Name].Order().ToList();
    Console.WriteLine($"{subject.Name,-30} {Percentile(all, 0.50),9:F0} {Percentile(all, 0.99),9:F0} {Percentile(all, 0.999),9:F0} {perRound[perRound.Count / 2],26:F0}");
    Console.WriteLine($"RESULT impl=\"{subject.Name}\" nodes={ports.Length} p50_us={Percentile(all, 0.50):F0} p99_us={Percentile(all, 0.99):F0} p999_us={Percentile(all, 0.999):F0} contended_per_s={string.Join('/', throughput[subject.Name].Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}");
}

foreach (var connection in connections) await connection.DisposeAsync();
return 0;

static async Task Uncontended(ILockUnderTest subject, int count, List<double>? samples)
{
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var held = await subject.TryOnceAsync($"bench:u:{i % 64}") ?? throw new InvalidOperationException($"{subject.Name}: an uncontended lock was refused.");
        await held.DisposeAsync();
        samples?.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }
}

static async Task<double> Contended(ILockUnderTest subject, TimeSpan duration, int workers, int resources)
{
    long acquired = 0;
    var inside = new int[resources];
    var overlaps = 0;
    var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
    {
        var resource = w % resources;
        while (Stopwatch.GetTimestamp() < stop)
        {
            var held = await subject.WaitAsync($"bench:c:{resource}", TimeSpan.FromSeconds(5));
            if (held is null) continue;
            if (Interlocked.Increment(ref inside[resource]) != 1) Interlocked.Increment(ref overlaps);
            Interlocked.Decrement(ref inside[resource]);
            await held.DisposeAsync();
            Interlocked.Increment(ref acquired);
        }
    })));
    if (overlaps > 0) throw new InvalidOperationException($"{subject.Name}: {overlaps} overlapping holders.");
    return acquired / Stopwatch.GetElapsedTime(started).TotalSeconds;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
