using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>
/// A cluster of its own (markets publish events on the Redis Streams provider and API hosts feed sockets from them),
/// so the second API host these tests start never meets the shared cluster's tests.
/// </summary>
public sealed class EventsClusterFixture : ClusterFixture;

public sealed class CrossHostEventsTests(EventsClusterFixture cluster) : IClassFixture<EventsClusterFixture>
{
    [Fact]
    public Task Trades_made_through_either_api_host_reach_websockets_on_both_in_order() => cluster.Guard(async () =>
    {
        var otherAddress = await cluster.StartAnotherApiHostAsync();
        using var otherHttp = new HttpClient { BaseAddress = otherAddress, Timeout = Api.AttemptTimeout };
        var other = new Api(otherHttp);
        var (seller, buyer) = (cluster.Token("xhost-seller"), cluster.Token("xhost-buyer"));
        string[] channels = ["market:ENERGY-USD", "orders:xhost-seller"];
        await using var onFirst = await EventRecorder.ConnectAsync(cluster.Api.Http.BaseAddress!, seller, channels);
        await using var onOther = await EventRecorder.ConnectAsync(otherAddress, seller, channels);

        Assert.True((await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", seller,
            new { symbol = "ENERGY-USD", side = "sell", type = "limit", price = "0.1500", quantity = "5" })).IsSuccess);
        Assert.True((await cluster.Api.SendAsync(HttpMethod.Post, "/api/v1/orders", buyer,
            new { symbol = "ENERGY-USD", side = "buy", type = "limit", price = "0.1500", quantity = "2" })).IsSuccess);
        Assert.True((await other.SendAsync(HttpMethod.Post, "/api/v1/orders", buyer,
            new { symbol = "ENERGY-USD", side = "buy", type = "limit", price = "0.1500", quantity = "3" })).IsSuccess);

        foreach (var socket in new[] { onFirst, onOther })
        {
            await Eventually.Until(() => Task.FromResult(socket.On("orders:xhost-seller").Count >= 3 && socket.On("market:ENERGY-USD").Count(e => e.Type == "trade_executed") >= 2),
                TimeSpan.FromSeconds(30), $"the seller's updates and both trades on {socket.Host}");
            var statuses = socket.On("orders:xhost-seller").Select(e => e.Data.GetProperty("order").GetProperty("status").GetString()).ToList();
            Assert.Equal(["open", "partially_filled", "filled"], statuses);
            var trades = socket.On("market:ENERGY-USD").Where(e => e.Type == "trade_executed").Select(e => e.Data.GetProperty("trade")).ToList();
            Assert.Equal(["2.000", "3.000"], trades.Select(t => t.GetProperty("quantity").GetString()));
            EventChecks.AssertInOrderWithoutDuplicates(socket);
            Assert.Null(socket.CloseStatus);
        }
    });
}
