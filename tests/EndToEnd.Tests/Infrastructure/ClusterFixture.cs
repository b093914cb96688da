using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GridTokenX.TestSupport;
using Xunit.Sdk;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>One silo process, its ports, and which markets it has activated (from its log).</summary>
public sealed class SiloNode(string name, int siloPort, int gatewayPort, int httpPort)
{
    private readonly ConcurrentDictionary<string, long> _restored = new(StringComparer.Ordinal);

    public string Name { get; } = name;
    public int SiloPort { get; } = siloPort;
    public int GatewayPort { get; } = gatewayPort;
    public int HttpPort { get; } = httpPort;
    public HostProcess Process { get; internal set; } = null!;

    /// <summary>When (on the fixture's event counter) this silo last activated <paramref name="symbol"/>'s book, or null.</summary>
    public long? RestoredAt(string symbol) => _restored.TryGetValue(symbol, out var at) ? at : null;

    internal void MarkRestored(string symbol, long at) => _restored[symbol] = at;
}

/// <summary>
/// A real cluster on loopback: one redis-server, silo processes and one API host process in Redis mode, each on
/// free ports, with membership timing short enough that a SIGKILLed silo is declared dead within seconds.
/// Dispose kills everything. <see cref="Diagnostics"/> gives every process's output for failure messages.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const string SigningKey = "e2e-signing-key-that-is-long-enough-0123456789";
    public const string Symbol = "ENERGY-USD";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Regex RestoredLine = new(@"Market (\S+) restored:", RegexOptions.Compiled);

    private readonly List<HostProcess> _everyProcess = [];
    private readonly List<SiloNode> _silos = [];
    private readonly ConcurrentDictionary<string, byte> _users = new(StringComparer.Ordinal);
    private long _events;
    private int _siloCount;
    private RedisServer? _redis;
    private HttpClient? _http;

    public string ClusterId { get; } = "e2e-" + Guid.NewGuid().ToString("N")[..10];

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Fixture not initialised.");

    public HostProcess ApiHost { get; private set; } = null!;

    public Api Api { get; private set; } = null!;

    /// <summary>Silos started and not killed or stopped through this fixture.</summary>
    public IReadOnlyList<SiloNode> LiveSilos
    {
        get
        {
            lock (_silos) return [.. _silos.Where(s => !s.Process.HasExited)];
        }
    }

    /// <summary>Every user a token was made for: together they own every order on the book.</summary>
    public IReadOnlyCollection<string> Users => [.. _users.Keys];

    protected virtual int SnapshotEvery => 50;

    /// <summary>Settings a derived fixture adds for every process.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var silos = new[] { StartSilo(), StartSilo() };
        await Guard(async () =>
        {
            await Task.WhenAll(silos.Select(WaitSiloReadyAsync));
            StartApiHost();
            await WaitApiReadyAsync();
        });
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        foreach (var process in _everyProcess) await process.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    /// <summary>The cluster's read-model SQLite file.</summary>
    public string ReadModelPath { get; } = ReadModelSettings.NewSqlitePath();

    /// <summary>Settings every process of this cluster shares.</summary>
    public Dictionary<string, string> CommonEnvironment() => new Dictionary<string, string>
    {
        ["GridTokenX__Redis__ConnectionString"] = Redis.ConnectionString,
        ["GridTokenX__ClusterId"] = ClusterId,
        ["Auth__SigningKey"] = SigningKey,
        ["GridTokenX__Trading__SnapshotEvery"] = SnapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DOTNET_gcServer"] = "0",
        // Every process of this cluster runs on this machine, so they may share one SQLite read model.
        ["GridTokenX__ReadModel__SqlitePath"] = ReadModelPath,
        // Suites about trading, not money: every user they invent is funded on first need. Money suites set 0.
        ["GridTokenX__Accounts__Faucet__Usd"] = "1000000000",
        ["GridTokenX__Accounts__Faucet__Kwh"] = "1000000000",
    }.Concat(RateLimitSettings.GenerousEnvironment).Where(kv => !ExtraEnvironment.ContainsKey(kv.Key)).Concat(ExtraEnvironment)
        .ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>Starts one more API host of the same cluster and returns its base address once it is ready.</summary>
    public async Task<Uri> StartAnotherApiHostAsync()
    {
        var port = FreePort.Next();
        var env = CommonEnvironment();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var host = HostProcess.Start($"api-{port}", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), env);
        lock (_silos) _everyProcess.Add(host);
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await WaitReadyAsync(host, http, "/health/ready");
        return address;
    }

    /// <summary>Starts a silo on new free ports without waiting for it.</summary>
    public SiloNode StartSilo()
    {
        var number = Interlocked.Increment(ref _siloCount);
        var node = new SiloNode($"silo{number}", FreePort.Next(), FreePort.Next(), FreePort.Next());
        var env = CommonEnvironment();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{node.HttpPort}";
        env["GridTokenX__Silo__SiloPort"] = node.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["GridTokenX__Silo__GatewayPort"] = node.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A silo that stops answering is declared dead after a few missed probes instead of the default minute or so.
        env["GridTokenX__Silo__Membership__ProbeTimeout"] = "00:00:01";
        env["GridTokenX__Silo__Membership__NumMissedProbesLimit"] = "3";
        env["GridTokenX__Silo__Membership__NumVotesForDeathDeclaration"] = "1";
        env["GridTokenX__Silo__Membership__NumProbedSilos"] = "2";
        env["GridTokenX__Silo__Membership__TableRefreshTimeout"] = "00:00:02";
        env["GridTokenX__Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:05";
        env["GridTokenX__Silo__Membership__DeathVoteExpirationTimeout"] = "00:00:10";

        node.Process = HostProcess.Start(node.Name, RepoPaths.HostDll("Silo", "GridTokenX.Silo"), env, line =>
        {
            var match = RestoredLine.Match(line);
            if (match.Success) node.MarkRestored(match.Groups[1].Value, Interlocked.Increment(ref _events));
        });
        lock (_silos)
        {
            _silos.Add(node);
            _everyProcess.Add(node.Process);
        }

        return node;
    }

    public async Task<SiloNode> StartSiloAsync()
    {
        var node = StartSilo();
        await WaitSiloReadyAsync(node);
        return node;
    }

    /// <summary>The live silo that most recently activated <paramref name="symbol"/>'s order book, if any did.</summary>
    public SiloNode? SiloHosting(string symbol) =>
        LiveSilos.Where(s => s.RestoredAt(symbol) is not null).OrderByDescending(s => s.RestoredAt(symbol)).FirstOrDefault();

    /// <summary>Makes sure <paramref name="count"/> silos run (starting replacements) and the API host is ready.</summary>
    public async Task EnsureSilosAsync(int count)
    {
        while (LiveSilos.Count < count) StartSilo();
        await Task.WhenAll(LiveSilos.Select(WaitSiloReadyAsync));
        await WaitApiReadyAsync();
    }

    public async Task WaitSiloReadyAsync(SiloNode node)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{node.HttpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitReadyAsync(node.Process, http, "/health/ready");
    }

    public Task WaitApiReadyAsync() => WaitReadyAsync(ApiHost, Api.Http, "/health/ready");

    /// <summary>A token signed with the cluster's key; remembers the user as an owner of orders.</summary>
    public string Token(string userId, string role = "user")
    {
        _users.TryAdd(userId, 0);
        return Jwt.Mint(SigningKey, userId, role);
    }

    /// <summary>Runs a test body; any failure is rethrown with every process's output attached.</summary>
    public async Task Guard(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            throw new XunitException(ex.Message + Environment.NewLine + Environment.NewLine + Diagnostics(), ex);
        }
    }

    /// <summary>The output of every process this fixture started (the tail of each, to keep messages readable).</summary>
    public string Diagnostics(int linesPerProcess = 300)
    {
        var text = new StringBuilder();
        HostProcess[] processes;
        lock (_silos) processes = [.. _everyProcess];
        foreach (var process in processes)
        {
            var lines = process.Output.Split(Environment.NewLine);
            text.AppendLine($"===== {process.Name} (pid {process.Id}, {(process.ExitCode is { } code ? $"exited with {code}" : "running")}), last {Math.Min(lines.Length, linesPerProcess)} of {lines.Length} lines =====");
            foreach (var line in lines.Skip(Math.Max(0, lines.Length - linesPerProcess))) text.AppendLine(line);
        }

        return text.ToString();
    }

    private void StartApiHost()
    {
        var port = FreePort.Next();
        var env = CommonEnvironment();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        ApiHost = HostProcess.Start("api", RepoPaths.HostDll("ApiHost", "GridTokenX.ApiHost"), env);
        lock (_silos) _everyProcess.Add(ApiHost);
        // Pooled connections are short-lived so that a client keeps working the way a fresh client would.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Api = new Api(_http);
    }

    private static async Task WaitReadyAsync(HostProcess process, HttpClient http, string path)
    {
        var state = await Eventually.Until(async () =>
        {
            if (process.HasExited) return "exited";
            try
            {
                using var response = await http.GetAsync(path);
                return response.StatusCode == HttpStatusCode.OK ? "ready" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return "not listening";
            }
        }, s => s is "ready" or "exited", StartTimeout, $"{process.Name} {path} to answer 200");
        if (state == "exited") throw new InvalidOperationException($"{process.Name} exited before it was ready.");
    }
}

/// <summary>The cluster the crash tests share: they run one after another and restore two live silos before each.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "shared cluster";
}
