using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>A real <see cref="ClientWebSocket"/> with test conveniences: every wait has a deadline.</summary>
public sealed class WsClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly byte[] _buffer = new byte[256 * 1024];

    private WsClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>How long one receive may wait (longer for tests that wait through an outage).</summary>
    public TimeSpan ReceiveTimeout { get; set; } = Timeout;

    public static Task<WsClient> ConnectAsync(RealtimeFixture api, string? token, bool viaQuery = false, bool compress = false) =>
        ConnectAsync(api.WebSocketUri(viaQuery ? token : null), token, viaQuery, compress);

    public static async Task<WsClient> ConnectAsync(Uri uri, string? token, bool viaQuery = false, bool compress = false)
    {
        var socket = Create(token, viaQuery, compress);
        using var cts = new CancellationTokenSource(Timeout);
        await socket.ConnectAsync(uri, cts.Token);
        return new WsClient(socket);
    }

    public static ClientWebSocket Create(string? token, bool viaQuery = false, bool compress = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null && !viaQuery) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        if (compress) socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        return socket;
    }

    /// <summary>Tries to connect and returns the HTTP status the upgrade got.</summary>
    public static async Task<HttpStatusCode> RefusedStatusAsync(RealtimeFixture api, string token, bool viaQuery)
    {
        using var socket = Create(token, viaQuery);
        using var cts = new CancellationTokenSource(Timeout);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(api.WebSocketUri(viaQuery ? token : null), cts.Token));
        return socket.HttpStatusCode;
    }

    public Task SendAsync(string json) => SendRawAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true);

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type, bool endOfMessage)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await Socket.SendAsync(bytes, type, endOfMessage, cts.Token);
    }

    /// <summary>The next message, which must be a JSON text message (not a close).</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var (type, text) = await ReceiveMessageAsync();
        Assert.True(type == WebSocketMessageType.Text, $"Expected a text message, got {type} ({Socket.CloseStatus} {Socket.CloseStatusDescription}).");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>The next message, asserting its op (and req_id when given).</summary>
    public async Task<JsonElement> ExpectAsync(string op, string? reqId = null)
    {
        var message = await ReceiveAsync();
        Assert.True(message.GetProperty("op").GetString() == op, $"Expected op '{op}', got {message}");
        if (reqId is not null) Assert.Equal(reqId, message.GetProperty("req_id").GetString());
        return message;
    }

    public async Task<string[]> SubscribeAsync(params string[] channels)
    {
        var reqId = Guid.NewGuid().ToString("N")[..8];
        await SendAsync(JsonSerializer.Serialize(new { op = "subscribe", channels, req_id = reqId }));
        var reply = await ExpectAsync("subscribed", reqId);
        return [.. reply.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)];
    }

    /// <summary>Reads (and drops) messages until the server's close frame; returns its status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync()
    {
        while (true)
        {
            var (type, _) = await ReceiveMessageAsync();
            if (type == WebSocketMessageType.Close) return (Socket.CloseStatus, Socket.CloseStatusDescription);
        }
    }

    public async Task CloseAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveMessageAsync()
    {
        using var cts = new CancellationTokenSource(ReceiveTimeout);
        var length = 0;
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(length), cts.Token);
            length += result.Count;
            if (result.MessageType == WebSocketMessageType.Close) return (WebSocketMessageType.Close, "");
            if (result.EndOfMessage) return (result.MessageType, Encoding.UTF8.GetString(_buffer, 0, length));
        }
    }
}
