using System.Globalization;

namespace GridTokenX.Bench.StreamBench;

/// <summary>Command line of the stream benchmark. Every scenario is bounded: warm-up plus measured duration.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        GridTokenX.Bench.StreamBench — the Orleans Redis Streams provider against a raw XADD/XREADGROUP loop, same Redis.

          --redis <127.0.0.1:6379>     Redis to use (loopback only; keys are deleted between scenarios)
          --redis-pid <pid>            redis-server's pid, to report its CPU per scenario (optional)
          --transports raw,provider    what to run, in order (also: notify = raw loop woken by Redis pub/sub)
          --periods 100,10             pulling periods in ms (Orleans' GetQueueMsgsTimerPeriod; the raw poll cadence)
          --rates 1000,10000           fixed publish rates (events/s) for the latency scenarios
          --saturate true              also run the saturation scenario (producer as fast as possible)
          --in-flight 64               most publishes outstanding at once
          --duration 10                measured seconds per scenario
          --warmup 5                   unmeasured seconds before that
          --padding 160                bytes of opaque data in each event (plus ids and a timestamp)
          --idle 0                     seconds to watch an idle provider (XREADGROUP calls/s, CPU); 0 = skip
          --notify-wait 1000           notify: how long an empty read waits for a notification before the pump ends (ms)
          --repeat 1                   run every transport this many times per period, alternating; the table shows medians
          --queues 1                   the provider's QueueCount (the benchmark publishes to one stream, so one queue)
        """;

    public string Redis { get; private set; } = "127.0.0.1:6379";
    public int? RedisPid { get; private set; }
    public IReadOnlyList<string> Transports { get; private set; } = ["raw", "provider"];
    public IReadOnlyList<int> PeriodsMs { get; private set; } = [100, 10];
    public IReadOnlyList<int> Rates { get; private set; } = [1000, 10000];
    public bool Saturate { get; private set; } = true;
    public int InFlight { get; private set; } = 64;
    public double DurationSeconds { get; private set; } = 10;
    public double WarmupSeconds { get; private set; } = 5;
    public int Padding { get; private set; } = 160;
    public double IdleSeconds { get; private set; }
    public int Queues { get; private set; } = 1;
    public int NotifyWaitMs { get; private set; } = 1000;
    public int Repeat { get; private set; } = 1;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") throw new ArgumentException(Usage);
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value.");
            var value = args[++i];
            switch (name)
            {
                case "--redis": o.Redis = value; break;
                case "--redis-pid": o.RedisPid = Int(name, value, 1, int.MaxValue); break;
                case "--transports": o.Transports = List(value, s => s is "raw" or "provider" or "notify" ? s : throw Bad(name, "raw, provider or notify")); break;
                case "--periods": o.PeriodsMs = List(value, s => Int(name, s, 1, 10_000)); break;
                case "--rates": o.Rates = value == "none" ? [] : List(value, s => Int(name, s, 1, 1_000_000)); break;
                case "--saturate": o.Saturate = bool.Parse(value); break;
                case "--in-flight": o.InFlight = Int(name, value, 1, 10_000); break;
                case "--duration": o.DurationSeconds = Seconds(name, value, 0.5); break;
                case "--warmup": o.WarmupSeconds = Seconds(name, value, 0); break;
                case "--padding": o.Padding = Int(name, value, 0, 1 << 20); break;
                case "--idle": o.IdleSeconds = Seconds(name, value, 0); break;
                case "--notify-wait": o.NotifyWaitMs = Int(name, value, 1, 60_000); break;
                case "--repeat": o.Repeat = Int(name, value, 1, 100); break;
                case "--queues": o.Queues = Int(name, value, 1, 1024); break;
                default: throw new ArgumentException($"Unknown option {name}.\n{Usage}");
            }
        }

        if (!o.Redis.StartsWith("127.", StringComparison.Ordinal) && !o.Redis.StartsWith("localhost", StringComparison.Ordinal))
            throw new ArgumentException("--redis must be a loopback address: this tool only loads the local machine.");
        return o;
    }

    private static T[] List<T>(string value, Func<string, T> parse) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse)];

    private static ArgumentException Bad(string name, string expected) => new($"{name}: each value must be {expected}.");

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Bad(name, $"an integer in [{min}, {max}]");

    private static double Seconds(string name, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= min && s <= 3600
            ? s
            : throw Bad(name, $"a number of seconds in [{min}, 3600]");
}
