using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>One event as a WebSocket client received it.</summary>
public sealed record ReceivedEvent(string Id, string Channel, string Type, JsonElement Data)
{
    /// <summary>Where a market event sits in its market's history: (journal sequence, position in it); "book" comes last.</summary>
    public (long Sequence, int Index) Position
    {
        get
        {
            var parts = Id.Split(':');
            return (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                parts[2] == "book" ? int.MaxValue : int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>
/// A WebSocket client that subscribes to channels and records every event it receives, as an outside check would.
/// It never reconnects: a closed socket is a finding (<see cref="CloseStatus"/>), not something to paper over.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<JsonElement> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public ConcurrentQueue<ReceivedEvent> Events { get; } = new();

    public string? CloseStatus { get; private set; }

    public Uri Host { get; private init; } = null!;

    public static async Task<EventRecorder> ConnectAsync(Uri apiHost, string token, IReadOnlyList<string> channels)
    {
        var recorder = new EventRecorder { Host = apiHost };
        recorder._socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        await recorder._socket.ConnectAsync(new Uri($"ws://{apiHost.Authority}/ws"), CancellationToken.None);
        recorder._loop = Task.Run(recorder.ReceiveLoop);
        var request = JsonSerializer.Serialize(new { op = "subscribe", channels, req_id = "1" });
        await recorder._socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var reply = await recorder._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (reply.GetProperty("op").GetString() != "subscribed") throw new InvalidOperationException($"Subscribe refused: {reply}");
        return recorder;
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    CloseStatus = $"{_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    return;
                }

                var frame = JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
                switch (frame.GetProperty("op").GetString())
                {
                    case "event":
                        Events.Enqueue(new ReceivedEvent(frame.GetProperty("id").GetString()!, frame.GetProperty("channel").GetString()!,
                            frame.GetProperty("type").GetString()!, frame.GetProperty("data")));
                        break;
                    case "subscribed" or "error":
                        _subscribed.TrySetResult(frame);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException ex)
        {
            CloseStatus = "aborted: " + ex.Message;
        }
    }

    /// <summary>The events of one channel, in the order they arrived.</summary>
    public List<ReceivedEvent> On(string channel) => [.. Events.Where(e => e.Channel == channel)];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }
}
