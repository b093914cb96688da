using System.Net;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Settlement;

/// <summary>
/// Three independent lock nodes; two of them die. Trading goes on (orders need no lock), but settlement cannot take
/// its account locks: trades stay pending, retried with backoff, and settle once the nodes are back — exactly once,
/// with the balances the contract says.
/// </summary>
public sealed class SettlementLockOutageTests : IAsyncLifetime
{
    private readonly List<RedisServer> _nodes = [];
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++) _nodes.Add(await RedisServer.StartAsync());
        var settings = new Dictionary<string, string?>
        {
            ["GridTokenX:Accounts:Faucet:Usd"] = "0",
            ["GridTokenX:Accounts:Faucet:Kwh"] = "0",
            ["GridTokenX:Settlement:MaxRetryDelay"] = "00:00:00.500",
        };
        for (var i = 0; i < _nodes.Count; i++)
            settings[$"GridTokenX:Redis:LockEndpoints:{i}"] = _nodes[i].ConnectionString;
        _hosts = await RedisModeHosts.StartAsync("lock-outage", settings);
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        foreach (var node in _nodes) await node.DisposeAsync();
    }

    [Fact]
    public async Task Trades_stay_pending_without_a_lock_majority_and_settle_once_it_returns()
    {
        var s = new MoneyScenario((u, r) => _hosts.As(u, r), "lo");
        var buyer = s.User("buyer");
        var seller = s.User("seller");
        await s.DepositAsync(buyer, "USD", 10m);
        await s.DepositAsync(seller, "KWH", 10m);
        using var b = s.As(buyer);
        using var se = s.As(seller);

        _nodes[0].Kill();
        _nodes[1].Kill();
        await ApiJson.AssertStatusAsync(await se.PostAsync("/api/v1/orders", MoneyScenario.Order("sell", "0.2000", "5")), HttpStatusCode.Created);
        var placed = await ApiJson.AssertStatusAsync(await b.PostAsync("/api/v1/orders", MoneyScenario.Order("buy", "0.2000", "5")), HttpStatusCode.Created);
        var tradeId = placed.GetProperty("trades")[0].Str("trade_id");

        // Pending, and being retried: attempts grow while the nodes are away.
        var pending = await Eventually.Until(async () => await ApiJson.AssertStatusAsync(await b.GetAsync($"/api/v1/settlements/{tradeId}"), HttpStatusCode.OK),
            p => p.GetProperty("attempts").GetInt32() >= 2, TimeSpan.FromSeconds(30), "settlement retried");
        Assert.Equal("pending", pending.Str("status"));
        Assert.Empty(pending.GetProperty("fencing_tokens").EnumerateObject());
        // Nothing moved: the buyer's reservation is intact and the seller has no USD.
        Assert.Equal((10m - 1.01m, 1.01m), await s.BalanceAsync(buyer, "USD"));
        Assert.Equal((0m, 0m), await s.BalanceAsync(seller, "USD"));

        await _nodes[0].RestartAsync();
        await _nodes[1].RestartAsync();
        var settled = await s.SettledAsync(b, tradeId);
        Assert.True(settled.GetProperty("attempts").GetInt32() >= 2);

        Assert.Equal((10m - 1.01m, 0m), await s.BalanceAsync(buyer, "USD"));
        Assert.Equal((5m, 0m), await s.BalanceAsync(buyer, "KWH"));
        Assert.Equal((0.99m, 0m), await s.BalanceAsync(seller, "USD"));
        Assert.Equal((5m, 0m), await s.BalanceAsync(seller, "KWH"));
        await s.AssertConservedAsync();
    }
}
