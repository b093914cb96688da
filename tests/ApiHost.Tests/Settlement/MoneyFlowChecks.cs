using System.Net;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Settlement;

/// <summary>The checks shared by the standalone and the Redis-mode money suites.</summary>
public static class MoneyFlowChecks
{
    /// <summary>Reserve, match at the maker's price, settle, release on cancel; exact amounts throughout.</summary>
    public static async Task ReservationsSettlementAndReleasesAreExactAsync(MoneyScenario s)
    {
        s.FeesBefore = (await s.AdminBalanceAsync("fees", "USD")).Available;
        var alice = s.User("alice");
        var bob = s.User("bob");
        var carol = s.User("carol");
        await s.DepositAsync(alice, "USD", 100m);
        await s.DepositAsync(bob, "KWH", 50m);
        using var a = s.As(alice);
        using var b = s.As(bob);
        using var c = s.As(carol);

        // 10 kWh at 0.5000 reserves 10 × 0.5 × 1.01 = 5.05 USD.
        var buy = (await ApiJson.AssertStatusAsync(await a.PostAsync("/api/v1/orders", MoneyScenario.Order("buy", "0.5000", "10")), HttpStatusCode.Created))
            .GetProperty("order").Str("order_id");
        Assert.Equal((94.95m, 5.05m), await s.BalanceAsync(alice, "USD"));

        // More than she has: refused, nothing reserved, nothing on the book.
        var book = await ApiJson.ReadAsync(await a.GetAsync("/api/v1/markets/ENERGY-USD/book"));
        await ApiJson.AssertProblemAsync(await a.PostAsync("/api/v1/orders", MoneyScenario.Order("buy", "1.0000", "1000")), HttpStatusCode.BadRequest, "insufficient_funds");
        Assert.Equal((94.95m, 5.05m), await s.BalanceAsync(alice, "USD"));
        Assert.Equal(book.GetProperty("bids").GetRawText(), (await ApiJson.ReadAsync(await a.GetAsync("/api/v1/markets/ENERGY-USD/book"))).GetProperty("bids").GetRawText());
        // Carol has nothing at all.
        await ApiJson.AssertProblemAsync(await c.PostAsync("/api/v1/orders", MoneyScenario.Order("sell", "0.5000", "1")), HttpStatusCode.BadRequest, "insufficient_funds");

        // Bob sells 4 at 0.4000 into her bid: the trade is at the maker's 0.5000.
        var sold = await ApiJson.AssertStatusAsync(await b.PostAsync("/api/v1/orders", MoneyScenario.Order("sell", "0.4000", "4")), HttpStatusCode.Created);
        var tradeId = sold.GetProperty("trades")[0].Str("trade_id");
        var settlement = await s.SettledAsync(b, tradeId);
        Assert.Equal(("2.0000000", "0.020000000", "0.020000000"), (settlement.Str("value"), settlement.Str("buyer_fee"), settlement.Str("seller_fee")));
        Assert.True(settlement.GetProperty("fencing_tokens").TryGetProperty($"account:{alice}", out var token) && token.GetInt64() > 0);
        Assert.True(settlement.GetProperty("fencing_tokens").TryGetProperty($"account:{bob}", out _));
        await ApiJson.AssertStatusAsync(await a.GetAsync($"/api/v1/settlements/{tradeId}"), HttpStatusCode.OK);
        await ApiJson.AssertProblemAsync(await c.GetAsync($"/api/v1/settlements/{tradeId}"), HttpStatusCode.NotFound, "settlement_not_found");

        // Alice paid 2.02 out of her reservation and got 4 kWh; Bob got 2.00 − 0.02; fees got 0.04.
        Assert.Equal((94.95m, 3.03m), await s.BalanceAsync(alice, "USD"));
        Assert.Equal((4m, 0m), await s.BalanceAsync(alice, "KWH"));
        Assert.Equal((1.98m, 0m), await s.BalanceAsync(bob, "USD"));
        Assert.Equal((46m, 0m), await s.BalanceAsync(bob, "KWH"));

        // Cancelling the rest releases 6 × 0.5 × 1.01 = 3.03 before the reply.
        await ApiJson.AssertStatusAsync(await a.DeleteAsync($"/api/v1/orders/{buy}"), HttpStatusCode.OK);
        Assert.Equal((97.98m, 0m), await s.BalanceAsync(alice, "USD"));

        // A fill better than the limit: the improvement comes back at settlement.
        await ApiJson.AssertStatusAsync(await b.PostAsync("/api/v1/orders", MoneyScenario.Order("sell", "0.3000", "2")), HttpStatusCode.Created);
        var better = await ApiJson.AssertStatusAsync(await a.PostAsync("/api/v1/orders", MoneyScenario.Order("buy", "0.5000", "2")), HttpStatusCode.Created);
        Assert.Equal("filled", better.GetProperty("order").Str("status"));
        await s.SettledAsync(a, better.GetProperty("trades")[0].Str("trade_id"));
        Assert.Equal((97.98m - 0.606m, 0m), await s.BalanceAsync(alice, "USD"));

        // A market buy against an empty ask side reserves nothing and is cancelled for no liquidity.
        var market = await ApiJson.AssertStatusAsync(await a.PostAsync("/api/v1/orders", MoneyScenario.Order("buy", null, "1", type: "market")), HttpStatusCode.Created);
        Assert.Equal(("cancelled", "no_liquidity"), (market.GetProperty("order").Str("status"), market.GetProperty("order").Str("cancel_reason")));
        Assert.Equal((97.98m - 0.606m, 0m), await s.BalanceAsync(alice, "USD"));

        await s.AssertConservedAsync();
    }

    /// <summary>A market buy reserves at the deepest ask its quantity reaches and gives back what it did not spend.</summary>
    public static async Task MarketBuysReserveAtTheirArrivalBoundAsync(MoneyScenario s)
    {
        s.FeesBefore = (await s.AdminBalanceAsync("fees", "USD")).Available;
        var buyer = s.User("mbuyer");
        var seller = s.User("mseller");
        await s.DepositAsync(buyer, "USD", 10m);
        await s.DepositAsync(seller, "KWH", 10m);
        using var b = s.As(buyer);
        using var se = s.As(seller);
        await ApiJson.AssertStatusAsync(await se.PostAsync("/api/v1/orders", MoneyScenario.Order("sell", "0.2000", "1")), HttpStatusCode.Created);
        await ApiJson.AssertStatusAsync(await se.PostAsync("/api/v1/orders", MoneyScenario.Order("sell", "0.3000", "1")), HttpStatusCode.Created);

        // 3 kWh reach the 0.3000 level: reserved 3 × 0.3 × 1.01 = 0.909; fills 1 @ 0.2 and 1 @ 0.3; the rest is released.
        var placed = await ApiJson.AssertStatusAsync(await b.PostAsync("/api/v1/orders", MoneyScenario.Order("buy", null, "3", type: "market")), HttpStatusCode.Created);
        Assert.Equal(("cancelled", "no_liquidity", "2.000"), (placed.GetProperty("order").Str("status"), placed.GetProperty("order").Str("cancel_reason"),
            placed.GetProperty("order").Str("filled_quantity")));
        foreach (var trade in placed.GetProperty("trades").EnumerateArray()) await s.SettledAsync(b, trade.Str("trade_id"));

        // Paid (0.2 + 0.3) × 1.01 = 0.505.
        Assert.Equal((10m - 0.505m, 0m), await s.BalanceAsync(buyer, "USD"));
        Assert.Equal((2m, 0m), await s.BalanceAsync(buyer, "KWH"));
        await s.AssertConservedAsync();
    }
}
