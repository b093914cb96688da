using System.Globalization;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Realtime;

public sealed class RealtimeDeliveryTests(RealtimeFixture api) : IClassFixture<RealtimeFixture>
{
    private static string UniqueUser() => "u" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_published_event_arrives_in_the_contract_envelope()
    {
        await using var client = await api.ConnectAsync();
        await client.SubscribeAsync("market:ENERGY-USD");

        await api.PublishAsync("market:ENERGY-USD", "price_update", """{"symbol":"ENERGY-USD","price":"0.1250","change_percent_24h":"1.5"}""");
        await api.PublishAsync("market:ENERGY-USD", "price_update", """{"symbol":"ENERGY-USD","price":"0.1260","change_percent_24h":"2.3"}""");

        var first = await client.ExpectAsync("event");
        var second = await client.ExpectAsync("event");
        Assert.Equal(["op", "id", "channel", "type", "data", "timestamp", "version"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("market:ENERGY-USD", first.GetProperty("channel").GetString());
        Assert.Equal("price_update", first.GetProperty("type").GetString());
        Assert.Equal("0.1250", first.GetProperty("data").GetProperty("price").GetString());
        Assert.Equal("1", first.GetProperty("version").GetString());
        var timestamp = first.GetProperty("timestamp").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", timestamp);
        Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("id").GetString()));
        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("0.1260", second.GetProperty("data").GetProperty("price").GetString());
    }

    [Fact]
    public async Task After_unsubscribed_no_event_of_that_channel_arrives()
    {
        var user = UniqueUser();
        await using var client = await api.ConnectAsync(user);
        await client.SubscribeAsync($"orders:{user}", $"trades:{user}");

        await client.SendAsync($$"""{"op":"unsubscribe","channels":["orders:{{user}}"],"req_id":"u"}""");
        var reply = await client.ExpectAsync("unsubscribed", "u");
        Assert.Equal([$"orders:{user}"], reply.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        await api.PublishAsync($"orders:{user}", "order_update", """{"n":1}""");
        await api.PublishAsync($"trades:{user}", "trade_confirmation", """{"n":2}""");

        var next = await client.ExpectAsync("event");
        Assert.Equal($"trades:{user}", next.GetProperty("channel").GetString());
        await Eventually.Until(() => Task.FromResult(api.Source.SubscriptionCount($"orders:{user}") == 0), WsClient.Timeout,
            "the host to drop the source subscription nobody needs");
    }

    [Fact]
    public async Task Events_of_a_channel_arrive_in_the_order_they_were_published()
    {
        var user = UniqueUser();
        await using var client = await api.ConnectAsync(user);
        await client.SubscribeAsync($"user:{user}");
        const int count = 1000;

        for (var i = 0; i < count; i++) await api.PublishAsync($"user:{user}", "tokens_minted", $$"""{"n":{{i}}}""");

        var ids = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var message = await client.ExpectAsync("event");
            Assert.Equal(i, message.GetProperty("data").GetProperty("n").GetInt32());
            Assert.True(ids.Add(message.GetProperty("id").GetString()!), "event ids are unique");
        }
    }

    [Fact]
    public async Task Book_updates_may_be_coalesced_but_stay_in_order_and_end_on_the_latest()
    {
        await using var client = await api.ConnectAsync();
        await client.SubscribeAsync("market:SOLAR-USD");
        const int count = 300;

        // Several rounds, each a burst of snapshots closed by a trade: whether coalescing happens depends on how fast
        // the writer drains, and each round is another chance for a snapshot replaced after its trade was queued to
        // be lost or to overtake the trade.
        var last = 0;
        for (var round = 1; round <= 5; round++)
        {
            for (var i = 1; i <= count; i++)
                await api.PublishAsync("market:SOLAR-USD", "order_book_update", $$"""{"symbol":"SOLAR-USD","sequence":{{(round - 1) * count + i}}}""");
            await api.PublishAsync("market:SOLAR-USD", "trade_executed", $$$"""{"trade":{"trade_id":"end-{{{round}}}"}}""");

            while (true)
            {
                var message = await client.ExpectAsync("event");
                if (message.GetProperty("type").GetString() == "trade_executed")
                {
                    Assert.Equal($"end-{round}", message.GetProperty("data").GetProperty("trade").GetProperty("trade_id").GetString());
                    break;
                }

                var sequence = message.GetProperty("data").GetProperty("sequence").GetInt32();
                Assert.True(sequence > last, $"sequence {sequence} after {last}");
                last = sequence;
            }

            // The snapshot that went out before the trade is the newest one published before it.
            Assert.Equal(round * count, last);
        }
    }

    [Fact]
    public async Task The_host_subscribes_to_a_channel_once_for_many_sockets_and_drops_it_after_the_last_leaves()
    {
        var user = UniqueUser();
        var channel = $"orders:{user}";
        var clients = new List<WsClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await api.ConnectAsync(i == 0 ? "root" : user, i == 0 ? "admin" : "user");
            await client.SubscribeAsync(channel);
            clients.Add(client);
        }

        Assert.Equal(1, api.Source.SubscriptionCount(channel));
        await api.PublishAsync(channel, "order_update", """{"n":1}""");
        foreach (var client in clients) await client.ExpectAsync("event");

        await clients[0].CloseAsync();
        await clients[1].CloseAsync();
        await api.PublishAsync(channel, "order_update", """{"n":2}""");
        Assert.Equal(2, (await clients[2].ExpectAsync("event")).GetProperty("data").GetProperty("n").GetInt32());
        Assert.Equal(1, api.Source.SubscriptionCount(channel));

        await clients[2].CloseAsync();
        await Eventually.Until(() => Task.FromResult(api.Source.SubscriptionCount(channel) == 0), WsClient.Timeout,
            "the source subscription to be dropped after the last socket left");
        foreach (var client in clients) await client.DisposeAsync();

        // And a newcomer gets a fresh one.
        await using var again = await api.ConnectAsync(user);
        await again.SubscribeAsync(channel);
        Assert.Equal(1, api.Source.SubscriptionCount(channel));
    }

    [Fact]
    public async Task Compression_is_negotiated_when_the_client_offers_it()
    {
        await using var client = await api.ConnectAsync(compress: true);
        Assert.Contains("permessage-deflate",
            string.Join(",", client.Socket.HttpResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out var values) ? values : []),
            StringComparison.Ordinal);
        await client.SubscribeAsync("market:ENERGY-USD");
        var pad = new string('a', 10_000);

        await api.PublishAsync("market:ENERGY-USD", "trade_executed", $$$"""{"trade":{"trade_id":"{{{pad}}}"}}""");

        var message = await client.ExpectAsync("event");
        Assert.Equal(pad, message.GetProperty("data").GetProperty("trade").GetProperty("trade_id").GetString());
    }

    [Fact]
    public async Task Without_an_offer_there_is_no_compression()
    {
        await using var client = await api.ConnectAsync();

        Assert.False(client.Socket.HttpResponseHeaders!.ContainsKey("Sec-WebSocket-Extensions"));
    }

    [Fact]
    public async Task Metrics_count_connections_and_deliveries()
    {
        await using var client = await api.ConnectAsync();
        await client.SubscribeAsync("market:ENERGY-USD");
        await api.PublishAsync("market:ENERGY-USD", "price_update", """{"price":"1"}""");
        await client.ExpectAsync("event");
        using var http = api.Anonymous();

        var text = await Eventually.Until(() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            t => t.Contains("gtx_realtime_events_delivered_total ", StringComparison.Ordinal), WsClient.Timeout, "the delivery to be counted");

        Assert.Contains("gtx_realtime_connections ", text, StringComparison.Ordinal);
        Assert.Contains("gtx_realtime_subscriptions ", text, StringComparison.Ordinal);
        Assert.Contains("gtx_realtime_source_subscriptions ", text, StringComparison.Ordinal);
        Assert.True(api.Metrics.Connections >= 1);
    }
}
