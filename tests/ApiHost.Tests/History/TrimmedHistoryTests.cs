using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ApiHost.Tests.Minting;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.ApiHost.Tests.History;

/// <summary>The standalone host with its markets on a clock the test moves, checkpointing often so history is trimmed soon.</summary>
public sealed class TrimmingFixture() : ApiFixture(new Dictionary<string, string?> { ["GridTokenX:Trading:SnapshotEvery"] = "2" })
{
    public FakeTimeProvider MarketClock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(OrderBookGrain.ClockKey, MarketClock);
}

/// <summary>An order its market trimmed from memory (the read model holds it, it is days old) is still served by the API.</summary>
public sealed class TrimmedHistoryTests(TrimmingFixture api) : IClassFixture<TrimmingFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_order_the_market_trimmed_is_still_served_from_the_read_model()
    {
        var buyerId = MeterSetup.NewId("tb");
        using var seller = api.As(MeterSetup.NewId("ts"));
        using var buyer = api.As(buyerId);
        await Place(seller, "sell", "1.00");
        var old = (await Place(buyer, "buy", "1.00")).GetProperty("order");
        var orderId = old.Str("order_id");
        Assert.Equal("filled", old.Str("status"));

        // Days later, the trades that follow bring checkpoints; once the projector and the settler hold the old
        // history, the market lets it go.
        api.MarketClock.Advance(TimeSpan.FromDays(2));
        var market = api.Services.GetRequiredService<IGrainFactory>().GetGrain<IOrderBookGrain>("SOLAR-USD");
        await Eventually.Until(async () =>
        {
            await Place(seller, "sell", "1.00");
            await Place(buyer, "buy", "1.00");
            return await market.GetOrder(buyerId, orderId) is null;
        }, Wait, "the market to trim the two-day-old order");

        var served = await ApiJson.AssertStatusAsync(await buyer.GetAsync($"/api/v1/orders/{orderId}"), HttpStatusCode.OK);
        var order = served.GetProperty("order");
        foreach (var field in new[] { "order_id", "user_id", "symbol", "side", "type", "price", "quantity", "filled_quantity", "status", "created_at" })
            Assert.Equal(old.GetProperty(field).ToString(), order.GetProperty(field).ToString());
        using var other = api.As(MeterSetup.NewId("to"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/orders/{orderId}")).StatusCode);

        // The lists reach it too: walking the buyer's orders and fills page by page yields the old ones once each,
        // after every newer one, and the market's trade list still ends at its first trade.
        var orders = await WalkAsync(buyer, "/api/v1/orders?status=all&limit=2", "order_id");
        Assert.Equal(orderId, orders[^1]);
        Assert.Equal(orders.Count, orders.Distinct(StringComparer.Ordinal).Count());
        var fills = await WalkAsync(buyer, "/api/v1/trades?limit=2", "trade_id");
        Assert.Equal(orders.Count, fills.Count);
        Assert.Equal(fills.Count, fills.Distinct(StringComparer.Ordinal).Count());
        var trades = await WalkAsync(buyer, "/api/v1/markets/SOLAR-USD/trades?limit=3", "trade_id");
        Assert.Equal("SOLAR-USD.T1", trades[^1]);
        Assert.Contains(fills[^1], trades);
    }

    private static async Task<List<string>> WalkAsync(HttpClient client, string path, string idField)
    {
        var ids = new List<string>();
        for (var page = 0; page < 1000; page++)
        {
            var url = ids.Count == 0 ? path : $"{path}&before={Uri.EscapeDataString(ids[^1])}";
            var items = await ApiJson.AssertStatusAsync(await client.GetAsync(url), HttpStatusCode.OK);
            if (items.GetArrayLength() == 0) return ids;
            ids.AddRange(items.EnumerateArray().Select(i => i.Str(idField)));
        }

        throw new InvalidOperationException($"{path} did not end within 1,000 pages.");
    }

    private static async Task<JsonElement> Place(HttpClient client, string side, string price)
    {
        var body = $$"""{"symbol":"SOLAR-USD","side":"{{side}}","type":"limit","price":"{{price}}","quantity":"1"}""";
        return await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(body)), HttpStatusCode.Created);
    }
}
