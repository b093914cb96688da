using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>
/// <c>scripts/cluster.sh</c> as an operator runs it: <c>up</c> starts Redis, lock nodes, two silos and two API hosts as
/// real processes and prints tokens that trade across both hosts; <c>status</c> sees them all ready; <c>down</c> leaves
/// no process behind. Its own state directory and ports, so it collides with nothing else.
/// </summary>
public sealed partial class ClusterScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private readonly string _state = Path.Combine(Path.GetTempPath(), "gtx-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _basePort = FreePort.Block(100);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever happened above, stop what the script started; then the last resort for a broken `down`.
        var leftovers = RecordedProcesses();
        await RunAsync("down");
        foreach (var (_, pid) in leftovers.Where(p => IsOurs(p.Value)))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        if (Directory.Exists(_state)) Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task Up_trades_across_API_hosts_status_sees_everything_ready_and_down_leaves_nothing()
    {
        var up = await RunAsync("up", "--silos", "2", "--api-hosts", "2", "--lock-nodes", "3", "--no-build");
        Assert.True(up.ExitCode == 0, $"up failed: {up}");
        var printed = Exports().Matches(up.Output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var started = RecordedProcesses();
        Assert.Equal(["api-1", "api-2", "lock-1", "lock-2", "lock-3", "redis", "silo-1", "silo-2"], started.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await File.ReadAllTextAsync(Path.Combine(_state, "signing-key")), up.Output, StringComparison.Ordinal);
        Assert.Equal("600", UnixMode(Path.Combine(_state, "signing-key")));

        using var http1 = new HttpClient { BaseAddress = new Uri(printed["API_1"]), Timeout = TimeSpan.FromSeconds(10) };
        using var http2 = new HttpClient { BaseAddress = new Uri(printed["API_2"]), Timeout = TimeSpan.FromSeconds(10) };
        var api1 = new Api(http1);
        var api2 = new Api(http2);
        Assert.NotEqual(http1.BaseAddress, http2.BaseAddress);

        // Funding through the admin route (locks on the three lock nodes), one deposit through each host.
        await Succeeds(api1.SendAsync(HttpMethod.Post, "/api/v1/admin/accounts/alice/deposits", printed["ADMIN"],
            new { asset = "KWH", amount = "10", deposit_id = "script-alice" }), HttpStatusCode.Created);
        await Succeeds(api2.SendAsync(HttpMethod.Post, "/api/v1/admin/accounts/bob/deposits", printed["ADMIN"],
            new { asset = "USD", amount = "100", deposit_id = "script-bob" }), HttpStatusCode.Created);

        var sell = await Succeeds(api1.SendAsync(HttpMethod.Post, "/api/v1/orders", printed["ALICE"],
            PlaceOrderRequest.Limit("sell", "0.1250", "4").ToBody()), HttpStatusCode.Created);
        var buy = await Succeeds(api2.SendAsync(HttpMethod.Post, "/api/v1/orders", printed["BOB"],
            PlaceOrderRequest.Limit("buy", "0.1300", "4").ToBody()), HttpStatusCode.Created);
        var trade = Assert.Single(buy.As<PlaceOrderResponseDto>().Trades);
        Assert.Equal((sell.As<PlaceOrderResponseDto>().Order.OrderId, "alice", "bob", "0.1250"),
            (trade.SellOrderId, trade.SellerId, trade.BuyerId, trade.Price));
        // The other host sees the same trade: one cluster behind both.
        var tape = await api1.ReadAsync<List<TradeDto>>("/api/v1/markets/ENERGY-USD/trades?limit=10");
        Assert.Contains(tape, t => t.TradeId == trade.TradeId);

        // The dashboard through an API host, over the real silos' dashboard grains: admins only.
        var counters = await api2.GetAsync("/dashboard/DashboardCounters", printed["ADMIN"]);
        Assert.True(counters.Status == HttpStatusCode.OK && counters.Body.Contains("\"totalActiveHostCount\":2", StringComparison.OrdinalIgnoreCase),
            $"dashboard counters: {counters}");
        Assert.Equal(HttpStatusCode.Forbidden, (await api2.GetAsync("/dashboard/DashboardCounters", printed["ALICE"])).Status);

        var again = await RunAsync("up", "--no-build");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already running", again.Output, StringComparison.Ordinal);
        Assert.Equal(started, RecordedProcesses());

        var status = await RunAsync("status");
        Assert.True(status.ExitCode == 0, $"status: {status}");
        foreach (var name in started.Keys) Assert.Matches(new Regex($@"(?m)^{name}\s+{started[name]}\s+\d+\s+ready\b"), status.Output);

        var down = await RunAsync("down");
        Assert.True(down.ExitCode == 0, $"down: {down}");
        foreach (var (name, pid) in started) Assert.False(IsAlive(pid), $"{name} (pid {pid}) is still running after down:{Environment.NewLine}{down}");
        Assert.Empty(RecordedProcesses());
        var after = await RunAsync("status");
        Assert.NotEqual(0, after.ExitCode);
    }

    private static async Task<Reply> Succeeds(Task<Reply> send, HttpStatusCode expected)
    {
        var reply = await send;
        Assert.True(reply.Status == expected, $"expected {(int)expected}, got {reply}");
        return reply;
    }

    /// <summary>What the script's state directory records as running: name → PID.</summary>
    private Dictionary<string, int> RecordedProcesses()
    {
        var run = Path.Combine(_state, "run");
        if (!Directory.Exists(run)) return [];
        return Directory.GetFiles(run).ToDictionary(f => Path.GetFileName(f), f =>
            int.Parse(File.ReadAllText(f).Split(' ')[0], CultureInfo.InvariantCulture));
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Still one of the cluster's processes (not a PID the kernel has given to something else since).</summary>
    private static bool IsOurs(int pid)
    {
        try
        {
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            return commandLine.Contains("GridTokenX.", StringComparison.Ordinal) || commandLine.Contains("redis-server", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string UnixMode(string path) => OperatingSystem.IsWindows()
        ? throw new PlatformNotSupportedException("cluster.sh runs on Linux.")
        : Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);

    private async Task<ScriptRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "cluster.sh"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GTX_CLUSTER_DIR"] = _state;
        start.Environment["GTX_CLUSTER_BASE_PORT"] = _basePort.ToString(CultureInfo.InvariantCulture);
        start.Environment["GTX_CLUSTER_CONFIGURATION"] = RepoPaths.Configuration;
        start.Environment["GTX_CLUSTER_ID"] = "script-" + Guid.NewGuid().ToString("N")[..8];

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        await process.WaitForExitAsync(timeout.Token);
        lock (output) return new ScriptRun(process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    [GeneratedRegex(@"(?m)^export (\w+)=(\S+)$")]
    private static partial Regex Exports();

    private sealed record ScriptRun(int ExitCode, string Output)
    {
        public override string ToString() => $"exit {ExitCode}{Environment.NewLine}{Output}";
    }
}
