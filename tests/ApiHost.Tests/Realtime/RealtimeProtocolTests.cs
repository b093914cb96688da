using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GridTokenX.ApiHost.Tests.Realtime;

public sealed class RealtimeProtocolTests(RealtimeFixture api) : IClassFixture<RealtimeFixture>
{
    public static TheoryData<string, string, string?> BadRequests => new()
    {
        { "malformed JSON", """{"op":"subscribe","channels":[""", null },
        { "not an object", """["ping"]""", null },
        { "unknown op", """{"op":"dance","req_id":"u1"}""", "u1" },
        { "no op", """{"req_id":"u2"}""", "u2" },
        { "missing channels", """{"op":"subscribe","req_id":"u3"}""", "u3" },
        { "empty channels", """{"op":"subscribe","channels":[],"req_id":"u4"}""", "u4" },
        { "channels not strings", """{"op":"subscribe","channels":[1,2],"req_id":"u5"}""", "u5" },
        { "channels not an array", """{"op":"unsubscribe","channels":"market:ENERGY-USD","req_id":"u6"}""", "u6" },
        { "req_id not a string", """{"op":"ping","req_id":{"a":1}}""", null },
        { "unterminated string", "{\"op\":\"ping\",\"req_id\":\"abc", null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_frame_gets_a_bad_request_error_and_the_connection_stays_open(string why, string frame, string? reqId)
    {
        await using var client = await api.ConnectAsync();

        await client.SendAsync(frame);

        var error = await client.ExpectAsync("error");
        Assert.True(error.GetProperty("code").GetString() == "bad_request", why);
        Assert.Equal(reqId, error.GetProperty("req_id").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        await client.SendAsync("""{"op":"ping","req_id":"after"}""");
        await client.ExpectAsync("pong", "after");
    }

    [Fact]
    public async Task Ping_is_answered_with_pong_and_the_same_req_id()
    {
        await using var client = await api.ConnectAsync();

        await client.SendAsync("""{"op":"ping","req_id":"3"}""");

        var pong = await client.ExpectAsync("pong", "3");
        Assert.Equal("""{"op":"pong","req_id":"3"}""", pong.GetRawText());
    }

    [Fact]
    public async Task An_unknown_channel_is_invalid_channel()
    {
        await using var client = await api.ConnectAsync();

        await client.SendAsync("""{"op":"subscribe","channels":["market:NOPE-USD"],"req_id":"i"}""");

        var error = await client.ExpectAsync("error", "i");
        Assert.Equal("invalid_channel", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task More_than_100_channels_in_one_request_is_a_bad_request()
    {
        await using var client = await api.ConnectAsync("root", "admin");
        var channels = Enumerable.Range(0, 101).Select(i => $"orders:u{i}").ToArray();

        await client.SendAsync(JsonSerializer.Serialize(new { op = "subscribe", channels, req_id = "many" }));

        Assert.Equal("bad_request", (await client.ExpectAsync("error", "many")).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_connection_holds_at_most_100_channels()
    {
        await using var client = await api.ConnectAsync("root", "admin");
        Assert.Equal(100, (await client.SubscribeAsync([.. Enumerable.Range(0, 100).Select(i => $"orders:cap{i}")])).Length);

        await client.SendAsync("""{"op":"subscribe","channels":["orders:cap0","market:ENERGY-USD"],"req_id":"over"}""");

        var error = await client.ExpectAsync("error", "over");
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        // Re-subscribing to a channel already held costs nothing.
        Assert.Equal(["orders:cap0"], await client.SubscribeAsync("orders:cap0"));
    }

    [Fact]
    public async Task A_binary_frame_gets_a_bad_request_error_and_the_connection_stays_open()
    {
        await using var client = await api.ConnectAsync();

        await client.SendRawAsync(Encoding.UTF8.GetBytes("""{"op":"ping"}"""), WebSocketMessageType.Binary, endOfMessage: true);

        Assert.Equal("bad_request", (await client.ExpectAsync("error")).GetProperty("code").GetString());
        await client.SendAsync("""{"op":"ping","req_id":"still"}""");
        await client.ExpectAsync("pong", "still");
    }

    [Fact]
    public async Task A_fragmented_message_under_the_limit_is_read_whole()
    {
        await using var client = await api.ConnectAsync();
        var text = """{"op":"ping","req_id":"frag","padding":" """ + new string('x', 50_000) + "\"}";
        var bytes = Encoding.UTF8.GetBytes(text);

        await client.SendRawAsync(bytes[..20_000], WebSocketMessageType.Text, endOfMessage: false);
        await client.SendRawAsync(bytes[20_000..40_000], WebSocketMessageType.Text, endOfMessage: false);
        await client.SendRawAsync(bytes[40_000..], WebSocketMessageType.Text, endOfMessage: true);

        await client.ExpectAsync("pong", "frag");
    }

    [Fact]
    public async Task A_frame_over_64_KiB_closes_with_1009()
    {
        await using var client = await api.ConnectAsync();

        await client.SendRawAsync(new byte[64 * 1024 + 1], WebSocketMessageType.Text, endOfMessage: true);

        var (status, _) = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }

    [Fact]
    public async Task Fragments_totalling_over_64_KiB_close_with_1009()
    {
        await using var client = await api.ConnectAsync();

        for (var i = 0; i < 3; i++) await client.SendRawAsync(new byte[30 * 1024], WebSocketMessageType.Text, endOfMessage: false);

        var (status, _) = await client.ReceiveCloseAsync();
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }
}
