using System.Net.WebSockets;

namespace GridTokenX.ApiHost.Tests.Realtime;

public sealed class RealtimeBackpressureTests(RealtimeFixture api) : IClassFixture<RealtimeFixture>
{
    [Fact]
    public async Task A_client_that_never_reads_is_closed_with_1013_while_a_fast_one_gets_everything()
    {
        const string channel = "market:ENERGY-USD";
        var padding = new string('p', 16 * 1024);
        await using var slow = await api.ConnectAsync();
        await using var fast = await api.ConnectAsync();
        await slow.SubscribeAsync(channel);
        await fast.SubscribeAsync(channel);
        var before = api.Metrics.SlowConsumerDisconnects;

        // The publisher stays at most `window` events ahead of the fast reader, so only the slow one can fall behind.
        const int window = 128;
        using var credits = new SemaphoreSlim(window);
        var received = new List<int>();
        var reader = Task.Run(async () =>
        {
            while (true)
            {
                var message = await fast.ExpectAsync("event");
                if (message.GetProperty("type").GetString() == "price_update") return;
                received.Add(message.GetProperty("data").GetProperty("n").GetInt32());
                credits.Release();
            }
        });

        var published = 0;
        while (api.Metrics.SlowConsumerDisconnects == before)
        {
            Assert.True(published < 50_000, "the slow consumer was never detected");
            Assert.True(await credits.WaitAsync(WsClient.Timeout), "the fast reader stopped reading");
            await api.PublishAsync(channel, "trade_executed", $$"""{"n":{{published}},"pad":"{{padding}}"}""");
            published++;
        }

        await api.PublishAsync(channel, "price_update", """{"end":true}""");
        await reader.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(0, published), received);

        var (status, reason) = await slow.ReceiveCloseAsync();
        Assert.Equal((WebSocketCloseStatus)1013, status);
        Assert.Equal("slow_consumer", reason);
    }
}
