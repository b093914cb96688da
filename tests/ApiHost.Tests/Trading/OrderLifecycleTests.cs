using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Trading;

/// <summary>Placing, reading, listing and cancelling orders over HTTP, and who may see what.</summary>
public sealed class OrderLifecycleTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static StringContent Order(string side, string price, string quantity, string? coid = null, string type = "limit",
        string? tif = null, string symbol = "ENERGY-USD")
    {
        var fields = new Dictionary<string, object?> { ["symbol"] = symbol, ["side"] = side, ["type"] = type, ["quantity"] = quantity };
        if (type == "limit") fields["price"] = price;
        if (coid is not null) fields["client_order_id"] = coid;
        if (tif is not null) fields["time_in_force"] = tif;
        return ApiFixture.Json(JsonSerializer.Serialize(fields));
    }

    [Fact]
    public async Task A_placed_order_can_be_read_listed_and_cancelled_once()
    {
        using var alice = api.As("life-alice");

        var response = await alice.PostAsync("/api/v1/orders", Order("buy", "0.0200", "3.5", "life-1"));
        var placed = await ApiJson.AssertStatusAsync(response, HttpStatusCode.Created);
        var order = placed.GetProperty("order");
        var id = order.Str("order_id");
        Assert.Equal($"/api/v1/orders/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal(0, placed.GetProperty("trades").GetArrayLength());
        Assert.Equal(("life-alice", "ENERGY-USD", "buy", "limit", "gtc"), (order.Str("user_id"), order.Str("symbol"), order.Str("side"), order.Str("type"), order.Str("time_in_force")));
        Assert.Equal(("0.0200", "3.500", "0.000", "3.500", "open"), (order.Str("price"), order.Str("quantity"), order.Str("filled_quantity"), order.Str("remaining_quantity"), order.Str("status")));
        Assert.Equal(JsonValueKind.Null, order.GetProperty("average_price").ValueKind);
        Assert.Equal(JsonValueKind.Null, order.GetProperty("cancel_reason").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", order.Str("created_at"));

        var read = await ApiJson.AssertStatusAsync(await alice.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal(id, read.GetProperty("order").Str("order_id"));
        var open = await ApiJson.AssertStatusAsync(await alice.GetAsync("/api/v1/orders?status=open"), HttpStatusCode.OK);
        Assert.Equal([id], open.EnumerateArray().Select(o => o.Str("order_id")));

        var cancelled = await ApiJson.AssertStatusAsync(await alice.DeleteAsync($"/api/v1/orders/{id}"), HttpStatusCode.OK);
        Assert.Equal(("cancelled", "user_requested"), (cancelled.GetProperty("order").Str("status"), cancelled.GetProperty("order").Str("cancel_reason")));

        var again = await ApiJson.AssertProblemAsync(await alice.DeleteAsync($"/api/v1/orders/{id}"), HttpStatusCode.Conflict, "order_not_open");
        Assert.Equal("cancelled", again.GetProperty("order").Str("status"));
        Assert.Equal(0, (await ApiJson.ReadAsync(await alice.GetAsync("/api/v1/orders"))).GetArrayLength());
        Assert.Equal(1, (await ApiJson.ReadAsync(await alice.GetAsync("/api/v1/orders?status=all"))).GetArrayLength());
    }

    [Fact]
    public async Task Another_users_order_is_not_found_and_untouched()
    {
        using var alice = api.As("iso-alice");
        using var bob = api.As("iso-bob");
        var id = (await ApiJson.ReadAsync(await alice.PostAsync("/api/v1/orders", Order("buy", "0.0201", "1")))).GetProperty("order").Str("order_id");

        await ApiJson.AssertProblemAsync(await bob.GetAsync($"/api/v1/orders/{id}"), HttpStatusCode.NotFound, "order_not_found");
        await ApiJson.AssertProblemAsync(await bob.DeleteAsync($"/api/v1/orders/{id}"), HttpStatusCode.NotFound, "order_not_found");
        Assert.Equal(0, (await ApiJson.ReadAsync(await bob.GetAsync("/api/v1/orders?status=all"))).GetArrayLength());
        Assert.Equal("open", (await ApiJson.ReadAsync(await alice.GetAsync($"/api/v1/orders/{id}"))).GetProperty("order").Str("status"));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("ENERGY-USD.999999")]
    [InlineData("WIND-USD.1")]
    [InlineData("ENERGY-USD.T1")]
    [InlineData("ENERGY-USD.0")]
    public async Task Unknown_order_ids_are_404(string id)
    {
        using var client = api.As("ghost");

        await ApiJson.AssertProblemAsync(await client.GetAsync($"/api/v1/orders/{Uri.EscapeDataString(id)}"), HttpStatusCode.NotFound, "order_not_found");
        await ApiJson.AssertProblemAsync(await client.DeleteAsync($"/api/v1/orders/{Uri.EscapeDataString(id)}"), HttpStatusCode.NotFound, "order_not_found");
    }

    [Fact]
    public async Task Repeating_a_client_order_id_returns_the_original_and_reusing_it_differently_is_a_conflict()
    {
        using var seller = api.As("idem-seller");
        using var buyer = api.As("idem-buyer");
        await seller.PostAsync("/api/v1/orders", Order("sell", "5.0000", "1", symbol: "ENERGY-USD"));

        var first = await ApiJson.AssertStatusAsync(await buyer.PostAsync("/api/v1/orders", Order("buy", "5.0000", "2", "idem-1")), HttpStatusCode.Created);
        var repeat = await ApiJson.AssertStatusAsync(await buyer.PostAsync("/api/v1/orders", Order("buy", "5.0000", "2", "idem-1")), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("order").Str("order_id"), repeat.GetProperty("order").Str("order_id"));
        Assert.Equal(first.GetProperty("trades").ToString(), repeat.GetProperty("trades").ToString());
        Assert.Equal(1, first.GetProperty("trades").GetArrayLength());
        await ApiJson.AssertProblemAsync(await buyer.PostAsync("/api/v1/orders", Order("buy", "5.0000", "3", "idem-1")), HttpStatusCode.Conflict, "client_order_id_conflict");
        await ApiJson.AssertProblemAsync(await buyer.PostAsync("/api/v1/orders", Order("buy", "5.00", "2", "idem-1", symbol: "SOLAR-USD")), HttpStatusCode.Conflict, "client_order_id_conflict");
        Assert.Equal(1, (await ApiJson.ReadAsync(await buyer.GetAsync("/api/v1/orders?status=all"))).GetArrayLength());
    }

    [Fact]
    public async Task Matching_rules_show_through_the_api()
    {
        using var maker = api.As("rules-maker");
        using var taker = api.As("rules-taker");
        const string symbol = "SOLAR-USD";
        await ApiJson.AssertStatusAsync(await maker.PostAsync("/api/v1/orders", Order("sell", "50.00", "5", symbol: symbol)), HttpStatusCode.Created);
        await ApiJson.AssertStatusAsync(await maker.PostAsync("/api/v1/orders", Order("sell", "51.00", "5", symbol: symbol)), HttpStatusCode.Created);

        var fok = (await ApiJson.ReadAsync(await taker.PostAsync("/api/v1/orders", Order("buy", "50.00", "6", tif: "fok", symbol: symbol)))).GetProperty("order");
        Assert.Equal(("cancelled", "fok_unfilled", "0"), (fok.Str("status"), fok.Str("cancel_reason"), fok.Str("filled_quantity")));

        var ioc = await ApiJson.ReadAsync(await taker.PostAsync("/api/v1/orders", Order("buy", "50.00", "7", tif: "ioc", symbol: symbol)));
        Assert.Equal(("cancelled", "ioc_remainder", "5"), (ioc.GetProperty("order").Str("status"), ioc.GetProperty("order").Str("cancel_reason"), ioc.GetProperty("order").Str("filled_quantity")));
        var fill = ioc.GetProperty("trades").EnumerateArray().Single();
        Assert.Equal(("50.00", "5", "sell", "rules-maker", "rules-taker"), (fill.Str("price"), fill.Str("quantity"), fill.Str("maker_side"), fill.Str("seller_id"), fill.Str("buyer_id")));

        var self = (await ApiJson.ReadAsync(await maker.PostAsync("/api/v1/orders", Order("buy", "52.00", "1", symbol: symbol)))).GetProperty("order");
        Assert.Equal(("cancelled", "self_trade"), (self.Str("status"), self.Str("cancel_reason")));

        var market = await ApiJson.ReadAsync(await taker.PostAsync("/api/v1/orders", Order("buy", "", "8", type: "market", symbol: symbol)));
        var marketOrder = market.GetProperty("order");
        Assert.Equal(("cancelled", "no_liquidity", "5", "ioc"), (marketOrder.Str("status"), marketOrder.Str("cancel_reason"), marketOrder.Str("filled_quantity"), marketOrder.Str("time_in_force")));
        Assert.Equal(JsonValueKind.Null, marketOrder.GetProperty("price").ValueKind);
        Assert.Equal(51m, decimal.Parse(marketOrder.Str("average_price"), System.Globalization.CultureInfo.InvariantCulture));

        var fills = await ApiJson.ReadAsync(await taker.GetAsync($"/api/v1/trades?symbol={symbol}"));
        Assert.Equal(2, fills.GetArrayLength());
        Assert.All(fills.EnumerateArray(), f => Assert.Equal("buyer", f.Str("role")));
        Assert.Equal("51.00", fills[0].Str("price"));
        var makerFills = await ApiJson.ReadAsync(await maker.GetAsync("/api/v1/trades"));
        Assert.All(makerFills.EnumerateArray(), f => Assert.Equal("seller", f.Str("role")));

        var book = await ApiJson.ReadAsync(await api.Anonymous().GetAsync($"/api/v1/markets/{symbol}/book"));
        Assert.Equal(0, book.GetProperty("asks").GetArrayLength());
    }
}
