using System.Globalization;
using System.Net;
using System.Text.Json;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;
using Xunit.Abstractions;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>
/// Funded users trade at random through two API hosts while the silo holding the market is SIGKILLed. Afterwards
/// every trade is settled with API.md's amounts and every balance equals what an independent computation from the
/// trades says.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class MoneyCrashTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const decimal FeeRate = 0.01m;
    private const decimal Funding = 1000m;

    [Fact]
    public Task Every_trade_settles_once_and_balances_match_the_trades_after_a_silo_is_killed() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(2);
        var run = Guid.NewGuid().ToString("N")[..6];
        var admin = cluster.Token("money-admin-" + run, "admin");
        var apis = new[] { cluster.Api, new Api(new HttpClient { BaseAddress = await cluster.StartAnotherApiHostAsync() }) };
        var users = Enumerable.Range(1, 5).Select(i => $"m{i}-{run}").ToList();
        foreach (var user in users)
        {
            foreach (var asset in new[] { "USD", "KWH" })
            {
                var (reply, _) = await cluster.Api.SendWithRetryAsync(HttpMethod.Post, $"/api/v1/admin/accounts/{user}/deposits", admin,
                    new { asset, amount = Funding.ToString(CultureInfo.InvariantCulture), deposit_id = $"fund-{user}-{asset}" }, TimeSpan.FromSeconds(30));
                Assert.True(reply?.Status is HttpStatusCode.Created, $"deposit for {user}: {reply}");
            }
        }

        var placed = 0;
        using var stop = new CancellationTokenSource();
        var flow = users.Select((user, i) => Task.Run(() => TradeAsync(user, cluster.Token(user), apis, new Random(i * 7919 + run.GetHashCode(StringComparison.Ordinal)),
            () => Interlocked.Increment(ref placed), stop.Token))).ToList();
        try
        {
            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref placed) >= 60), TimeSpan.FromSeconds(90), "60 orders before the kill");
            var victim = cluster.SiloHosting(ClusterFixture.Symbol) ?? cluster.LiveSilos[0];
            output.WriteLine($"SIGKILL {victim.Name} at {placed} orders");
            victim.Process.Kill();
            var target = Volatile.Read(ref placed) + 60;
            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref placed) >= target), TimeSpan.FromSeconds(120), "60 orders after the kill");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(flow);
        }

        await cluster.StartSiloAsync();
        // Everything still open is cancelled, so every reservation must end at zero.
        foreach (var user in users)
        {
            var open = JsonDocument.Parse((await cluster.Api.ReadAsync("/api/v1/orders?status=open&limit=1000", cluster.Token(user))).Body);
            foreach (var order in open.RootElement.EnumerateArray())
                await cluster.Api.SendWithRetryAsync(HttpMethod.Delete, $"/api/v1/orders/{order.GetProperty("order_id").GetString()}", cluster.Token(user), null, TimeSpan.FromSeconds(30));
        }

        // The trades, from the users' own fills (each trade is seen by its buyer and its seller).
        var trades = new Dictionary<string, (string Buyer, string Seller, decimal Price, decimal Quantity)>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var fills = JsonDocument.Parse((await cluster.Api.ReadAsync("/api/v1/trades?limit=1000", cluster.Token(user))).Body);
            foreach (var t in fills.RootElement.EnumerateArray())
                trades[t.GetProperty("trade_id").GetString()!] = (t.GetProperty("buyer_id").GetString()!, t.GetProperty("seller_id").GetString()!,
                    Dec(t.GetProperty("price").GetString()!), Dec(t.GetProperty("quantity").GetString()!));
        }

        output.WriteLine($"{placed} orders placed, {trades.Count} trades");
        Assert.True(trades.Count > 10, $"only {trades.Count} trades");
        foreach (var (tradeId, trade) in trades)
        {
            var settlement = await Eventually.Until(async () => JsonDocument.Parse((await cluster.Api.ReadAsync($"/api/v1/settlements/{tradeId}", admin)).Body).RootElement,
                s => s.GetProperty("status").GetString() == "settled", TimeSpan.FromSeconds(60), $"{tradeId} settled");
            var value = trade.Price * trade.Quantity;
            Assert.Equal((value, value * FeeRate, value * FeeRate), (Dec(settlement.GetProperty("value").GetString()!),
                Dec(settlement.GetProperty("buyer_fee").GetString()!), Dec(settlement.GetProperty("seller_fee").GetString()!)));
        }

        // The independent computation: start from the deposits, apply each trade by API.md's formulas.
        var expected = users.ToDictionary(u => u, _ => (Usd: Funding, Kwh: Funding), StringComparer.Ordinal);
        foreach (var (buyer, seller, price, quantity) in trades.Values)
        {
            // The shared cluster's book may still hold other suites' orders: only our users' sides are ours to check.
            var value = price * quantity;
            if (expected.TryGetValue(buyer, out var b)) expected[buyer] = (b.Usd - value * (1 + FeeRate), b.Kwh + quantity);
            if (expected.TryGetValue(seller, out var s)) expected[seller] = (s.Usd + value * (1 - FeeRate), s.Kwh - quantity);
        }

        foreach (var user in users)
        {
            // Reservations of orders whose requests died with the silo are released by the sweeper within a minute.
            var balances = await Eventually.Until(() => BalancesAsync(user, admin), b => b.UsdReserved == 0 && b.KwhReserved == 0,
                TimeSpan.FromSeconds(90), $"{user}'s reservations released");
            Assert.Equal((expected[user].Usd, expected[user].Kwh), (balances.Usd, balances.Kwh));
        }
    });

    private static async Task TradeAsync(string user, string token, Api[] apis, Random random, Action onPlaced, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var api = apis[random.Next(apis.Length)];
            var side = random.Next(2) == 0 ? "buy" : "sell";
            var price = (0.0950m + random.Next(0, 101) * 0.0001m).ToString("F4", CultureInfo.InvariantCulture);
            var quantity = (random.Next(1, 5000) * 0.001m).ToString("F3", CultureInfo.InvariantCulture);
            var tif = random.Next(3) == 0 ? "ioc" : "gtc";
            try
            {
                var reply = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", token,
                    new { symbol = ClusterFixture.Symbol, side, type = "limit", price, quantity, time_in_force = tif }, stop);
                if (reply.Status == HttpStatusCode.Created) onPlaced();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The silo died under the request: its outcome is unknown, which is the point of the test.
            }
        }
    }

    private async Task<(decimal Usd, decimal UsdReserved, decimal Kwh, decimal KwhReserved)> BalancesAsync(string user, string admin)
    {
        var account = JsonDocument.Parse((await cluster.Api.ReadAsync($"/api/v1/admin/accounts/{user}", admin)).Body).RootElement.GetProperty("balances");
        return (Dec(account.GetProperty("USD").GetProperty("total").GetString()!), Dec(account.GetProperty("USD").GetProperty("reserved").GetString()!),
            Dec(account.GetProperty("KWH").GetProperty("total").GetString()!), Dec(account.GetProperty("KWH").GetProperty("reserved").GetString()!));
    }

    private static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);
}
