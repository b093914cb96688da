using System.Net.WebSockets;
using System.Security.Claims;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Answers one socket's requests (subscribe, unsubscribe, ping) and keeps the channels it holds at the hub. Replies
/// go out through the connection's queue, so they keep their order with the events around them.
/// </summary>
/// <remarks>Used by the connection's read loop, one request at a time, then once by the clean-up after it.</remarks>
/// <param name="onForbidden">Told of the channels a subscription was refused (the security audit); may be null.</param>
internal sealed class ClientRequestHandler(RealtimeConnection connection, ClaimsPrincipal? caller, string callerName, IChannelFeed feed,
    ChannelAccess access, RealtimeOptions options, RealtimeMetrics metrics, ILogger logger, Action<IReadOnlyList<string>>? onForbidden)
{
    // Channels this socket holds at the hub.
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);

    /// <summary>Parses and answers one text message; <paramref name="message"/> is only read before the first await.</summary>
    public async ValueTask HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!ClientRequestParser.TryParse(message, options.MaxChannelsPerConnection, out var request, out var error))
        {
            connection.Reply(error);
            return;
        }

        switch (request.Op)
        {
            case ClientRequest.Ping:
                connection.Reply(new PongReply(request.ReqId));
                break;
            case ClientRequest.Subscribe:
                await SubscribeAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await UnsubscribeAsync(request).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Leaves every channel at the hub, once the socket is done.</summary>
    public async Task LeaveAllAsync()
    {
        foreach (var channel in _joined)
        {
            metrics.Unsubscribed(1);
            await feed.UnsubscribeAsync(channel, connection, CancellationToken.None).ConfigureAwait(false);
        }

        _joined.Clear();
    }

    private async ValueTask SubscribeAsync(ClientRequest request, CancellationToken cancellationToken)
    {
        var allowed = new List<string>();
        var invalid = new List<string>();
        var forbidden = new List<string>();
        foreach (var channel in request.Channels)
        {
            switch (access.Decide(channel, caller))
            {
                case ChannelDecision.Allowed: allowed.Add(channel); break;
                case ChannelDecision.Forbidden: forbidden.Add(channel); break;
                default: invalid.Add(channel); break;
            }
        }

        var fresh = allowed.FindAll(c => !_joined.Contains(c));
        if (_joined.Count + fresh.Count > options.MaxChannelsPerConnection)
        {
            connection.Reply(new ErrorReply(request.ReqId, ErrorReply.BadRequest,
                $"A connection may hold at most {options.MaxChannelsPerConnection} channels; it holds {_joined.Count}. Nothing was subscribed."));
            return;
        }

        foreach (var channel in fresh)
        {
            try
            {
                await feed.SubscribeAsync(channel, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                RealtimeLog.SourceFailed(logger, ex, channel, callerName);
                // Not a client error the v1 codes could name: close so the client reconnects, perhaps to another host.
                connection.Close(WebSocketCloseStatus.InternalServerError, "source_unavailable");
                return;
            }

            _joined.Add(channel);
            metrics.Subscribed(1);
        }

        // Closing meanwhile (the host is stopping, say): nothing more is said or audited.
        if (allowed.Count > 0 && !connection.OpenChannels(allowed, new SubscribedReply(request.ReqId, allowed))) return;
        if (invalid.Count > 0)
            connection.Reply(new ErrorReply(request.ReqId, ErrorReply.InvalidChannel, "No such channel: " + Names(invalid) + ".", invalid));
        if (forbidden.Count > 0)
        {
            onForbidden?.Invoke(forbidden);
            connection.Reply(new ErrorReply(request.ReqId, ErrorReply.Forbidden, "Not allowed to subscribe to " + Names(forbidden) + ".", forbidden));
        }
    }

    private async ValueTask UnsubscribeAsync(ClientRequest request)
    {
        connection.CloseChannels(request.Channels, new UnsubscribedReply(request.ReqId, request.Channels));
        foreach (var channel in request.Channels)
        {
            if (!_joined.Remove(channel)) continue;
            metrics.Unsubscribed(1);
            // Not cancellable: the hub must let go of this socket even when it is being aborted.
            await feed.UnsubscribeAsync(channel, connection, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Names(List<string> channels) =>
        string.Join(", ", channels.Take(5).Select(c => "'" + ClientRequestParser.Truncate(c) + "'")) + (channels.Count > 5 ? " …" : "");
}
