using System.Buffers;
using System.Net.WebSockets;
using System.Security.Claims;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One client socket: a read loop that answers requests and a writer that drains a bounded queue. Everything the
/// socket is sent goes through that queue, so replies and events keep their order and the hub never waits on a client.
/// </summary>
/// <remarks>
/// The writer is not a task waiting on the queue but a thread-pool work item, queued when the first frame arrives
/// at an idle socket and running until the queue is empty; it writes synchronously while the transport takes the
/// bytes and only then awaits. It is queued to the current thread's local queue: the thread pool's other threads take
/// work from the global queue (Orleans' messages, Kestrel's socket sends) before they steal from local queues, so
/// the ten thousand writers one hot event wakes never delay the process' own messaging, as they did as tasks.
/// </remarks>
public sealed class RealtimeConnection : IChannelSubscriber, IThreadPoolWorkItem
{
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    private readonly WebSocket _socket;
    private readonly FrameBatchingStream? _batching;
    private readonly ClaimsPrincipal? _caller;
    private readonly string _callerName;
    private readonly IChannelFeed _feed;
    private readonly ChannelAccess _access;
    private readonly RealtimeOptions _options;
    private readonly RealtimeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Queue<Outbound> _queue = new();
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort;
    private readonly Action<IReadOnlyList<string>>? _onForbidden;
    private readonly Lock _gate = new();

    // Guarded by _gate. A channel is forwarded only once its `subscribed` reply is queued and until its
    // `unsubscribed` reply is, so a client never sees an event outside that window.
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);
    // Per channel, the queued book frame that newer snapshots may still replace: the newest frame of the channel in
    // the queue, not yet written.
    private readonly Dictionary<string, BookSlot> _pendingBook = new(StringComparer.Ordinal);

    // Channels this socket holds at the hub; touched only by the read loop, then by the clean-up after it.
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);
    private bool _closing;

    // Guarded by _gate: a drain is queued or running, or the writer has finished for good (then it stays set).
    private bool _writerQueued;
    private WebSocketCloseStatus _closeStatus;
    private string _closeReason = "";

    public RealtimeConnection(WebSocket socket, FrameBatchingStream? batching, ClaimsPrincipal? caller, IChannelFeed feed, ChannelAccess access, RealtimeOptions options,
        RealtimeMetrics metrics, ILogger logger, CancellationToken requestAborted, Action<IReadOnlyList<string>>? onForbidden = null)
    {
        _onForbidden = onForbidden;
        _socket = socket;
        _batching = batching;
        _caller = caller;
        _callerName = caller?.FindFirst("sub")?.Value ?? "anonymous";
        _feed = feed;
        _access = access;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        // An idle writer must still finish when the socket is aborted, so that RunAsync can.
        _abort.Token.UnsafeRegister(static state => ((RealtimeConnection)state!).ScheduleWriter(), this);
    }

    public async Task RunAsync()
    {
        _metrics.ConnectionOpened();
        RealtimeLog.Opened(_logger, _callerName);
        var writer = _writerDone.Task;
        try
        {
            if (!await ReadLoopAsync().ConfigureAwait(false))
            {
                // The peer vanished or broke the protocol: nobody is left to say goodbye to.
                await _abort.CancelAsync().ConfigureAwait(false);
            }

            await writer.ConfigureAwait(false);
        }
        finally
        {
            await LeaveAllAsync().ConfigureAwait(false);
            if (_socket.State != WebSocketState.Closed) _socket.Abort();
            lock (_gate)
            {
                _closing = true;
                _abort.Dispose();
            }

            _metrics.ConnectionClosed();
            RealtimeLog.Closed(_logger, _callerName, _socket.CloseStatus?.ToString() ?? "aborted");
        }
    }

    /// <summary>Starts the closing handshake; queued frames are dropped and the whole close is bounded by the close timeout.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            if (_closing) return;
            _closing = true;
            _closeStatus = status;
            _closeReason = reason;
            ScheduleWriterLocked();
            // Also bounds a send stuck behind a client that stopped reading: it is cancelled, which aborts the socket.
            _abort.CancelAfter(_options.CloseTimeout);
        }
    }

    public void Deliver(EventFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_gate)
        {
            if (_closing || !_channels.Contains(frame.Channel)) return;
            if (!frame.Coalescible)
            {
                if (!TryEnqueueLocked(new Outbound(frame, null, default))) return;
                // Coalescing only into the newest frame of the channel keeps its events in order.
                _pendingBook.Remove(frame.Channel);
                return;
            }

            if (_pendingBook.TryGetValue(frame.Channel, out var pending))
            {
                pending.Latest = frame;
                _metrics.Coalesced();
                return;
            }

            var slot = new BookSlot(frame);
            if (TryEnqueueLocked(new Outbound(null, slot, default))) _pendingBook[frame.Channel] = slot;
        }
    }

    private bool Reply(ServerReply reply)
    {
        lock (_gate)
        {
            return !_closing && TryEnqueueLocked(Outbound.ForReply(reply));
        }
    }

    private bool TryEnqueueLocked(Outbound item)
    {
        if (_queue.Count < _options.OutboundQueueCapacity)
        {
            _queue.Enqueue(item);
            ScheduleWriterLocked();
            return true;
        }

        _metrics.SlowConsumer();
        RealtimeLog.SlowConsumer(_logger, _callerName, _options.OutboundQueueCapacity, _channels.Count);
        Close(TryAgainLater, "slow_consumer");
        return false;
    }

    private const int InitialReceiveBuffer = 4096;

    private async Task<bool> ReadLoopAsync()
    {
        var limit = _options.MaxMessageBytes;
        // Client messages are small (subscribe, ping): start with a small buffer and grow it only for a large message,
        // so 10,000 idle sockets do not each hold a MaxMessageBytes array. One byte of headroom beyond the limit:
        // filling it is how an oversized message shows itself.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBuffer, limit + 1));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length && length < limit + 1)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var room = Math.Min(buffer.Length, limit + 1) - length;
                var result = await _socket.ReceiveAsync(buffer.AsMemory(length, room), _abort.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Close(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "");
                    return true;
                }

                lock (_gate)
                {
                    // Waiting for the peer's close frame: whatever else it sends is moot.
                    if (_closing)
                    {
                        length = 0;
                        continue;
                    }
                }

                length += result.Count;
                if (length > limit)
                {
                    Close(WebSocketCloseStatus.MessageTooBig, "message_too_big");
                    length = 0;
                    continue;
                }

                if (!result.EndOfMessage) continue;
                var message = buffer.AsMemory(0, length);
                length = 0;
                if (result.MessageType == WebSocketMessageType.Binary)
                    Reply(new ErrorReply(null, ErrorReply.BadRequest, "Binary frames are not supported; send JSON text frames."));
                else
                    await HandleAsync(message).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ScheduleWriter()
    {
        lock (_gate) ScheduleWriterLocked();
    }

    private void ScheduleWriterLocked()
    {
        if (_writerQueued) return;
        _writerQueued = true;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    /// <summary>
    /// Writes what is queued, one transport write per pass (see FrameBatchingStream), until the queue is empty; then
    /// the writer is idle until the next frame. When the socket closes it sends the close frame and finishes for good,
    /// as it does when the socket is aborted.
    /// </summary>
    private async ValueTask DrainAsync()
    {
        try
        {
            while (true)
            {
                _batching?.BeginBatch();
                try
                {
                    while (true)
                    {
                        ReadOnlyMemory<byte> payload;
                        bool isEvent;
                        lock (_gate)
                        {
                            if (_closing || !_queue.TryDequeue(out var item)) break;
                            isEvent = item.Event is not null || item.Book is not null;
                            payload = item.Event?.Payload ?? item.Reply;
                            if (item.Book is { } book)
                            {
                                payload = book.Latest.Payload;
                                if (_pendingBook.TryGetValue(book.Latest.Channel, out var pending) && ReferenceEquals(pending, book))
                                    _pendingBook.Remove(book.Latest.Channel);
                            }
                        }

                        // Into a batch the send only appends to a buffer and cannot block, so it needs no cancellable
                        // token (which would cost a registration per frame); the batch's transport write below has one.
                        await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, _batching is null ? _abort.Token : CancellationToken.None)
                            .ConfigureAwait(false);
                        if (isEvent) _metrics.Delivered();
                        if (_batching is { Pending: > FrameBatchingStream.FlushThreshold } batching)
                        {
                            await batching.EndBatchAsync(_abort.Token).ConfigureAwait(false);
                            batching.BeginBatch();
                        }
                    }
                }
                finally
                {
                    if (_batching is { } batching) await batching.EndBatchAsync(_abort.Token).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    if (_closing || _abort.IsCancellationRequested) break;
                    if (_queue.Count == 0)
                    {
                        _writerQueued = false;
                        return;
                    }
                }
            }

            // Closing (queued frames are dropped), or aborted, when this throws at once.
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, _abort.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Aborted: the read loop sees the same and the socket is torn down in RunAsync.
        }
        catch (Exception ex)
        {
            // Nobody awaits a work item: RunAsync must hear of it, or it would wait for this writer for ever.
            _writerDone.TrySetException(ex);
            return;
        }

        // _writerQueued stays set: nothing is written after this.
        _writerDone.TrySetResult();
    }

    private async ValueTask HandleAsync(ReadOnlyMemory<byte> message)
    {
        if (!ClientRequestParser.TryParse(message, _options.MaxChannelsPerConnection, out var request, out var error))
        {
            Reply(error);
            return;
        }

        switch (request.Op)
        {
            case ClientRequest.Ping:
                Reply(new PongReply(request.ReqId));
                break;
            case ClientRequest.Subscribe:
                await SubscribeAsync(request).ConfigureAwait(false);
                break;
            default:
                await UnsubscribeAsync(request).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask SubscribeAsync(ClientRequest request)
    {
        var allowed = new List<string>();
        var invalid = new List<string>();
        var forbidden = new List<string>();
        foreach (var channel in request.Channels)
        {
            switch (_access.Decide(channel, _caller))
            {
                case ChannelDecision.Allowed: allowed.Add(channel); break;
                case ChannelDecision.Forbidden: forbidden.Add(channel); break;
                default: invalid.Add(channel); break;
            }
        }

        var fresh = allowed.FindAll(c => !_joined.Contains(c));
        if (_joined.Count + fresh.Count > _options.MaxChannelsPerConnection)
        {
            Reply(new ErrorReply(request.ReqId, ErrorReply.BadRequest,
                $"A connection may hold at most {_options.MaxChannelsPerConnection} channels; it holds {_joined.Count}. Nothing was subscribed."));
            return;
        }

        foreach (var channel in fresh)
        {
            try
            {
                await _feed.SubscribeAsync(channel, this, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                RealtimeLog.SourceFailed(_logger, ex, channel, _callerName);
                // Not a client error the v1 codes could name: close so the client reconnects, perhaps to another host.
                Close(WebSocketCloseStatus.InternalServerError, "source_unavailable");
                return;
            }

            _joined.Add(channel);
            _metrics.Subscribed(1);
        }

        if (allowed.Count > 0)
        {
            lock (_gate)
            {
                if (_closing) return;
                _channels.UnionWith(allowed);
                TryEnqueueLocked(Outbound.ForReply(new SubscribedReply(request.ReqId, allowed)));
            }
        }

        if (invalid.Count > 0)
            Reply(new ErrorReply(request.ReqId, ErrorReply.InvalidChannel, "No such channel: " + Names(invalid) + ".", invalid));
        if (forbidden.Count > 0)
        {
            _onForbidden?.Invoke(forbidden);
            Reply(new ErrorReply(request.ReqId, ErrorReply.Forbidden, "Not allowed to subscribe to " + Names(forbidden) + ".", forbidden));
        }
    }

    private async ValueTask UnsubscribeAsync(ClientRequest request)
    {
        lock (_gate)
        {
            foreach (var channel in request.Channels)
            {
                _channels.Remove(channel);
                _pendingBook.Remove(channel);
            }

            if (!_closing) TryEnqueueLocked(Outbound.ForReply(new UnsubscribedReply(request.ReqId, request.Channels)));
        }

        foreach (var channel in request.Channels)
        {
            if (!_joined.Remove(channel)) continue;
            _metrics.Unsubscribed(1);
            await _feed.UnsubscribeAsync(channel, this, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task LeaveAllAsync()
    {
        lock (_gate)
        {
            _closing = true;
            _channels.Clear();
            _pendingBook.Clear();
        }

        foreach (var channel in _joined)
        {
            _metrics.Unsubscribed(1);
            await _feed.UnsubscribeAsync(channel, this, CancellationToken.None).ConfigureAwait(false);
        }

        _joined.Clear();
    }

    private static string Names(List<string> channels) =>
        string.Join(", ", channels.Take(5).Select(c => "'" + ClientRequestParser.Truncate(c) + "'")) + (channels.Count > 5 ? " …" : "");

    /// <summary>
    /// A queued frame: an event (shared by every socket of its channel), a book snapshot that newer ones may replace
    /// until it is written, or one of this socket's replies. A struct, so queueing an event allocates nothing per socket.
    /// </summary>
    private readonly record struct Outbound(EventFrame? Event, BookSlot? Book, ReadOnlyMemory<byte> Reply)
    {
        public static Outbound ForReply(ServerReply reply) => new(null, null, reply.Serialize());
    }

    /// <summary>A book snapshot's place in the queue; whoever holds the gate may put a newer snapshot in it.</summary>
    private sealed class BookSlot(EventFrame latest)
    {
        public EventFrame Latest { get; set; } = latest;
    }
}
