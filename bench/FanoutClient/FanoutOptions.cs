using System.Globalization;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>Command line of the fan-out client. Every run is bounded: connect, then warm-up plus duration per phase.</summary>
public sealed class FanoutOptions
{
    public const string Usage = """
        GridTokenX.Bench.FanoutClient — WebSocket fan-out against one API host (loopback only).

          --url <http://127.0.0.1:5080>   API host (the bench host, bench/FanoutHost, for the baseline and memory)
          --connections <n>               sockets, each subscribed to --channel (default 1000)
          --ramp <n>                      sockets opened at a time (default 500)
          --channel <market:ENERGY-USD>   the public channel every socket subscribes to (with --markets 1)
          --markets <n>                   n markets, ENERGY-USD then ZONE1-USD … ZONE{n-1}-USD (the hosts must define
                                          them): socket k subscribes to market k mod n, order pairs take the markets in turn
          --phases <orleans,baseline>     feeds to measure, in order, over the same sockets; idle = no feed (CPU only)
          --pairs-per-second <r>          orleans phase: crossing order pairs per second (default 2)
          --baseline-rate <auto|r>        baseline phase: events per second; auto = what the orleans phase delivered
          --signing-key <key>             the hosts' Auth__SigningKey (orleans phase; tokens are minted locally)
          --warmup <s>                    unmeasured seconds at the start of each phase (default 5)
          --duration <s>                  measured seconds per phase (default 20)
          --settle <s>                    quiet seconds after connecting and after each phase (default 3)
          --cpu-pids <name:pid,...>       processes whose CPU to report per measured window ("self" = this client)
          --deflate                       offer permessage-deflate (browsers do; the server then compresses per socket)
        """;

    public Uri Url { get; private init; } = new("http://127.0.0.1:5080/");
    public int Connections { get; private init; } = 1000;
    public int Ramp { get; private init; } = 500;
    public string Channel { get; private init; } = "market:ENERGY-USD";
    public int Markets { get; private init; } = 1;

    /// <summary>The market channels the sockets are spread over: just <see cref="Channel"/> with one market.</summary>
    public string[] Channels => Markets == 1 ? [Channel] : [.. Enumerable.Range(0, Markets).Select(i => "market:" + Symbol(i))];

    /// <summary>The bench's market names, as bench/run-fanout.sh defines them for the hosts.</summary>
    public static string Symbol(int market) => market == 0 ? "ENERGY-USD" : "ZONE" + market.ToString(CultureInfo.InvariantCulture) + "-USD";
    public string[] Phases { get; private init; } = ["orleans", "baseline"];
    public double PairsPerSecond { get; private init; } = 2;
    public double? BaselineRate { get; private init; }
    public string? SigningKey { get; private init; }
    public double WarmupSeconds { get; private init; } = 5;
    public double DurationSeconds { get; private init; } = 20;
    public double SettleSeconds { get; private init; } = 3;
    public bool Deflate { get; private init; }
    public string? CpuPids { get; private init; }

    public Uri WebSocketUrl => new UriBuilder(Url) { Scheme = Url.Scheme == "https" ? "wss" : "ws", Path = "/ws" }.Uri;

    public static FanoutOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var deflate = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help") throw new ArgumentException(Usage);
            if (args[i] == "--deflate") deflate = true;
            else if (i + 1 < args.Length && args[i].StartsWith("--", StringComparison.Ordinal)) values[args[i][2..]] = args[++i];
            else throw new ArgumentException($"{args[i]}: expected --name value.");
        }

        var known = new HashSet<string>(["url", "connections", "ramp", "channel", "markets", "phases", "pairs-per-second", "baseline-rate",
            "signing-key", "warmup", "duration", "settle", "cpu-pids"], StringComparer.Ordinal);
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) throw new ArgumentException($"Unknown option --{unknown}.");

        double Number(string name, double fallback, double min, double max)
        {
            if (!values.TryGetValue(name, out var text)) return fallback;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw new ArgumentException($"--{name} must be a number in [{min}, {max}].");
        }

        var o = new FanoutOptions
        {
            Url = values.TryGetValue("url", out var url) ? new Uri(url.TrimEnd('/') + "/") : new Uri("http://127.0.0.1:5080/"),
            Connections = (int)Number("connections", 1000, 1, 60_000),
            Ramp = (int)Number("ramp", 500, 1, 10_000),
            Channel = values.GetValueOrDefault("channel", "market:ENERGY-USD"),
            Markets = (int)Number("markets", 1, 1, 1000),
            Phases = values.GetValueOrDefault("phases", "orleans,baseline").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            PairsPerSecond = Number("pairs-per-second", 2, 0.01, 10_000),
            BaselineRate = values.GetValueOrDefault("baseline-rate", "auto") == "auto" ? null : Number("baseline-rate", 0, 0.01, 100_000),
            SigningKey = values.GetValueOrDefault("signing-key"),
            WarmupSeconds = Number("warmup", 5, 0, 600),
            DurationSeconds = Number("duration", 20, 1, 3000),
            SettleSeconds = Number("settle", 3, 0, 600),
            Deflate = deflate,
            CpuPids = values.GetValueOrDefault("cpu-pids"),
        };
        if (o.Markets > 1 && values.ContainsKey("channel")) throw new ArgumentException("--channel and --markets exclude each other.");
        if (!o.Url.IsLoopback) throw new ArgumentException("--url must be a loopback address: this tool only loads the local machine.");
        if (o.Phases.Any(p => p is not ("orleans" or "baseline" or "idle"))) throw new ArgumentException("--phases takes orleans, baseline and idle.");
        if (o.Phases.Contains("orleans") && string.IsNullOrEmpty(o.SigningKey)) throw new ArgumentException("--signing-key is required for the orleans phase.");
        return o;
    }
}
