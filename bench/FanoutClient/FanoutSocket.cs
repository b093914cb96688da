using System.Diagnostics;
using System.Net.WebSockets;

namespace GridTokenX.Bench.FanoutClient;

/// <summary>
/// One client connection: connect, subscribe, then a single receive loop over one reused buffer (grown only for a
/// message larger than it) that hands every complete message to the <see cref="FanoutRecorder"/>.
/// </summary>
public sealed class FanoutSocket(FanoutRecorder recorder) : IDisposable
{
    private const int InitialBuffer = 4096;
    private readonly ClientWebSocket _socket = new();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Subscribed => _subscribed.Task;

    public Task Receiving { get; private set; } = Task.CompletedTask;

    public async Task OpenAsync(Uri uri, HttpMessageInvoker invoker, ReadOnlyMemory<byte> subscribe, bool deflate, CancellationToken cancellationToken)
    {
        // The server pings every 15 s and this socket answers; client pings would only add traffic.
        _socket.Options.KeepAliveInterval = Timeout.InfiniteTimeSpan;
        if (deflate)
        {
            _socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions { ClientContextTakeover = false, ServerContextTakeover = false };
            _socket.Options.CollectHttpResponseDetails = true; // to see whether the server took the offer
        }

        await _socket.ConnectAsync(uri, invoker, cancellationToken);
        if (deflate)
        {
            if (_socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var extensions) == true
                && extensions.Any(e => e.Contains("permessage-deflate", StringComparison.Ordinal)))
                recorder.DeflateNegotiated();
            _socket.HttpResponseHeaders = null;
        }
        Receiving = ReceiveLoopAsync(cancellationToken);
        await _socket.SendAsync(subscribe, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialBuffer];
        var filled = 0;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    recorder.Closed(_socket.CloseStatus, _socket.CloseStatusDescription);
                    _subscribed.TrySetException(new WebSocketException("closed before subscribed"));
                    return;
                }

                filled += result.Count;
                if (!result.EndOfMessage)
                {
                    if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    continue;
                }

                // Read the clock first: everything after this is the client's own cost, not delivery latency.
                var utcNow = DateTime.UtcNow.Ticks;
                var now = Stopwatch.GetTimestamp();
                var message = ServerMessage.Parse(buffer.AsSpan(0, filled));
                filled = 0;
                if (message.Kind == MessageKind.Subscribed) _subscribed.TrySetResult();
                else recorder.Received(message, utcNow, now);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
        catch (WebSocketException ex)
        {
            recorder.Failed("websocket:" + ex.WebSocketErrorCode);
            _subscribed.TrySetException(ex);
        }
    }

    public void Dispose() => _socket.Dispose();
}
