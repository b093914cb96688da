using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Realtime;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>The whole path: an order over HTTP → the market grain → Orleans streams → the hub → a socket, in wire shape.</summary>
public sealed class LiveMarketEventsTests(LiveEventsFixture api) : IClassFixture<LiveEventsFixture>
{
    [Fact]
    public async Task A_trade_made_over_http_reaches_websocket_subscribers_in_order_and_in_wire_shape()
    {
        await using var socket = await api.ConnectAsync("live-alice");
        await socket.SubscribeAsync("market:ENERGY-USD", "orders:live-alice", "trades:live-alice");
        using var alice = api.As("live-alice");
        using var bob = api.As("live-bob");

        await ApiJson.AssertStatusAsync(await alice.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"ENERGY-USD","side":"sell","type":"limit","price":"0.1250","quantity":"10"}""")), HttpStatusCode.Created);
        await ApiJson.AssertStatusAsync(await bob.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1300","quantity":"4"}""")), HttpStatusCode.Created);

        var events = new List<JsonElement>();
        while (!(events.Count(e => Type(e) == "order_update") >= 2 && events.Any(e => Type(e) == "trade_confirmation")
                 && events.Any(e => Type(e) == "trade_executed") && events.Any(e => Type(e) == "order_book_update" && Data(e).GetProperty("sequence").GetInt64() == 2)))
        {
            events.Add(await socket.ExpectAsync("event"));
        }

        var orderUpdates = events.Where(e => Type(e) == "order_update").Select(e => Data(e).GetProperty("order")).ToList();
        Assert.Equal(["open", "partially_filled"], orderUpdates.Select(o => o.GetProperty("status").GetString()));
        Assert.All(events, e => Assert.Contains(e.GetProperty("channel").GetString(), new[] { "market:ENERGY-USD", "orders:live-alice", "trades:live-alice" }));

        var trade = Data(events.First(e => Type(e) == "trade_executed")).GetProperty("trade");
        Assert.Equal(("0.1250", "4.000", "live-bob", "live-alice", "sell"),
            (trade.GetProperty("price").GetString(), trade.GetProperty("quantity").GetString(), trade.GetProperty("buyer_id").GetString(),
             trade.GetProperty("seller_id").GetString(), trade.GetProperty("maker_side").GetString()));
        var confirmation = events.First(e => Type(e) == "trade_confirmation");
        Assert.Equal(("trades:live-alice", "seller"), (confirmation.GetProperty("channel").GetString(), Data(confirmation).GetProperty("role").GetString()));
        var books = events.Where(e => Type(e) == "order_book_update").Select(Data).ToList();
        Assert.Equal([1L, 2L], books.Select(b => b.GetProperty("sequence").GetInt64()));
        Assert.Equal(("0.1250", "6.000"), (books[^1].GetProperty("best_ask").GetString(), books[^1].GetProperty("asks")[0].GetProperty("quantity").GetString()));
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_users_channel_gets_their_events_from_every_market_and_nobody_elses()
    {
        await using var socket = await api.ConnectAsync("live-carol");
        await socket.SubscribeAsync("orders:live-carol");
        using var carol = api.As("live-carol");
        using var dave = api.As("live-dave");

        await ApiJson.AssertStatusAsync(await dave.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.0500","quantity":"1"}""")), HttpStatusCode.Created);
        await ApiJson.AssertStatusAsync(await carol.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.0500","quantity":"1"}""")), HttpStatusCode.Created);
        await ApiJson.AssertStatusAsync(await carol.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"SOLAR-USD","side":"buy","type":"limit","price":"0.05","quantity":"1"}""")), HttpStatusCode.Created);

        var first = await socket.ExpectAsync("event");
        var second = await socket.ExpectAsync("event");
        Assert.All([first, second], e => Assert.Equal(("orders:live-carol", "order_update", "live-carol"),
            (e.GetProperty("channel").GetString(), Type(e), Data(e).GetProperty("order").GetProperty("user_id").GetString())));
        Assert.Equal(["ENERGY-USD", "SOLAR-USD"], new[] { first, second }.Select(e => Data(e).GetProperty("order").GetProperty("symbol").GetString()).Order());

        // One subscription per market users' stream on this host, however many user channels read it (sockets of
        // other tests may still be letting go of theirs, hence the wait).
        await using var other = await api.ConnectAsync("live-dave");
        await other.SubscribeAsync("orders:live-dave", "trades:live-dave");
        var source = Assert.IsType<OrleansChannelSource>(api.Services.GetRequiredService<IChannelSource>());
        await Eventually.Until(() => Task.FromResult(source.StreamCount == 2), TimeSpan.FromSeconds(10), "two market users' streams, no more");
    }

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static JsonElement Data(JsonElement e) => e.GetProperty("data");
}
