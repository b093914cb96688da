using System.Globalization;

namespace GridTokenX.Bench.LoadGenerator;

public enum Scenario
{
    Orders,
    Baseline,
    Markets,
}

/// <summary>Command line of the load generator. Every run is bounded: warm-up plus measured duration.</summary>
public sealed class LoadOptions
{
    public const string Usage = """
        GridTokenX.Bench.LoadGenerator — closed-loop HTTP load against one API host.

          --url <http://127.0.0.1:5080>   API host base address (loopback only)
          --scenario orders|baseline|markets  orders: POST /api/v1/orders (durable); baseline: GET /health/live;
                                          markets: GET /api/v1/markets (anonymous, a cheap rate-limited route)
          --signing-key <key>             the API hosts' Auth__SigningKey (orders scenario; HS256 tokens are minted locally)
          --users <n>                     distinct users (default 100)
          --concurrency <n>               requests in flight, one per worker (default 64)
          --duration <s>                  measured seconds (default 20)
          --warmup <s>                    unmeasured seconds before that (default 5)
          --symbol <ENERGY-USD>           market to trade
          --ioc-percent <n>               share of IOC limit orders (default 10)
          --seed <n>                      random seed (default: time based)
          --label <text>                  printed with the result
        """;

    public Uri Url { get; private set; } = new("http://127.0.0.1:5080");
    public Scenario Scenario { get; private set; } = Scenario.Orders;
    public string? SigningKey { get; private set; }
    public int Users { get; private set; } = 100;
    public int Concurrency { get; private set; } = 64;
    public double DurationSeconds { get; private set; } = 20;
    public double WarmupSeconds { get; private set; } = 5;
    public string Symbol { get; private set; } = "ENERGY-USD";
    public int IocPercent { get; private set; } = 10;
    public int Seed { get; private set; } = Environment.TickCount;
    public string? Label { get; private set; }

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") throw new UsageException(null);
            if (i + 1 >= args.Length) throw new UsageException($"{name} needs a value.");
            var value = args[++i];
            switch (name)
            {
                case "--url": o.Url = new Uri(value.TrimEnd('/') + "/"); break;
                case "--scenario":
                    o.Scenario = value switch
                    {
                        "orders" => Scenario.Orders,
                        "baseline" => Scenario.Baseline,
                        "markets" => Scenario.Markets,
                        _ => throw new UsageException("--scenario must be orders, baseline or markets."),
                    };
                    break;
                case "--signing-key": o.SigningKey = value; break;
                case "--users": o.Users = Int(name, value, 1, 1_000_000); break;
                case "--concurrency": o.Concurrency = Int(name, value, 1, 10_000); break;
                case "--duration": o.DurationSeconds = Seconds(name, value, 0.1); break;
                case "--warmup": o.WarmupSeconds = Seconds(name, value, 0); break;
                case "--symbol": o.Symbol = value; break;
                case "--ioc-percent": o.IocPercent = Int(name, value, 0, 100); break;
                case "--seed": o.Seed = Int(name, value, int.MinValue, int.MaxValue); break;
                case "--label": o.Label = value; break;
                default: throw new UsageException($"Unknown option {name}.");
            }
        }

        if (!o.Url.IsLoopback) throw new UsageException("--url must point at a loopback address: this tool only loads the local machine.");
        if (o.Scenario == Scenario.Orders && string.IsNullOrEmpty(o.SigningKey))
            throw new UsageException("--signing-key is required for the orders scenario.");
        return o;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{name} must be an integer in [{min}, {max}].");

    private static double Seconds(string name, string value, double min) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= min && s <= 3600
            ? s
            : throw new UsageException($"{name} must be a number of seconds in [{min}, 3600].");
}

public sealed class UsageException(string? detail) : Exception(detail ?? "usage")
{
    public string? Detail { get; } = detail;
}
