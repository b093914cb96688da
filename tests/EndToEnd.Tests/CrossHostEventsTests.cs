using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GridTokenX.EndToEnd.Tests.Infrastructure;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>A cluster whose markets publish events (on the Redis Streams provider) and whose API hosts feed sockets from them.</summary>
public sealed class EventsClusterFixture : ClusterFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } =
        new Dictionary<string, string> { ["GridTokenX__Trading__PublishEvents"] = "true" };
}

public sealed class CrossHostEventsTests(EventsClusterFixture cluster) : IClassFixture<EventsClusterFixture>
{
    [Fact]
    public Task A_trade_made_through_one_api_host_reaches_a_websocket_on_another_in_order() => cluster.Guard(async () =>
    {
        var other = await cluster.StartAnotherApiHostAsync();
        var seller = cluster.Token("xhost-seller");
        var buyer = cluster.Token("xhost-buyer");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + seller);
        await socket.ConnectAsync(new Uri($"ws://{other.Authority}/ws"), CancellationToken.None);
        await Send(socket, """{"op":"subscribe","channels":["market:ENERGY-USD","orders:xhost-seller"],"req_id":"1"}""");
        Assert.Equal("subscribed", (await Receive(socket)).GetProperty("op").GetString());

        Assert.True((await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", seller,
            new { symbol = "ENERGY-USD", side = "sell", type = "limit", price = "0.1500", quantity = "5" })).IsSuccess);
        Assert.True((await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", buyer,
            new { symbol = "ENERGY-USD", side = "buy", type = "limit", price = "0.1500", quantity = "2" })).IsSuccess);
        Assert.True((await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", buyer,
            new { symbol = "ENERGY-USD", side = "buy", type = "limit", price = "0.1500", quantity = "3" })).IsSuccess);

        var events = new List<JsonElement>();
        while (events.Count(e => Type(e) == "order_update") < 3 || events.Count(e => Type(e) == "trade_executed") < 2)
        {
            var frame = await Receive(socket);
            if (frame.GetProperty("op").GetString() == "event") events.Add(frame);
        }

        var statuses = events.Where(e => Type(e) == "order_update")
            .Select(e => e.GetProperty("data").GetProperty("order").GetProperty("status").GetString()).ToList();
        Assert.Equal(["open", "partially_filled", "filled"], statuses);
        var trades = events.Where(e => Type(e) == "trade_executed").Select(e => e.GetProperty("data").GetProperty("trade")).ToList();
        Assert.Equal(["2.000", "3.000"], trades.Select(t => t.GetProperty("quantity").GetString()));
        var books = events.Where(e => Type(e) == "order_book_update").Select(e => e.GetProperty("data").GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(books.Order(), books);
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    });

    private static string? Type(JsonElement e) => e.GetProperty("type").GetString();

    private static Task Send(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonElement> Receive(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException($"Socket closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }
}
