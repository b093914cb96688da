using System.Buffers;
using System.Net.WebSockets;
using System.Security.Claims;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One client socket: a read loop that hands requests to its <see cref="ClientRequestHandler"/>, and a writer that
/// drains its <see cref="OutboundQueue"/>. Everything the socket is sent goes through that queue, so replies and
/// events keep their order and the hub never waits on a client.
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
    private const int InitialReceiveBuffer = 4096;

    private readonly WebSocket _socket;
    private readonly FrameBatchingStream? _batching;
    private readonly string _callerName;
    private readonly RealtimeOptions _options;
    private readonly RealtimeMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ClientRequestHandler _requests;
    private readonly TaskCompletionSource _writerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort;
    private readonly Lock _gate = new();

    // Guarded by _gate, which also covers scheduling the writer and starting the close timer as frames are queued.
    private readonly OutboundQueue _outbound;

    // Guarded by _gate: a drain is queued or running, or the writer has finished for good (then it stays set).
    private bool _writerQueued;

    // Not a primary constructor: the abort registration below needs this instance.
    public RealtimeConnection(WebSocket socket, FrameBatchingStream? batching, ClaimsPrincipal? caller, IChannelFeed feed, ChannelAccess access, RealtimeOptions options,
        RealtimeMetrics metrics, ILogger logger, CancellationToken requestAborted, Action<IReadOnlyList<string>>? onForbidden = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _socket = socket;
        _batching = batching;
        _callerName = caller?.FindFirst("sub")?.Value ?? "anonymous";
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _outbound = new OutboundQueue(options.OutboundQueueCapacity);
        _requests = new ClientRequestHandler(this, caller, _callerName, feed, access, options, metrics, logger, onForbidden);
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
            lock (_gate) _outbound.Stop();
            await _requests.LeaveAllAsync().ConfigureAwait(false);
            if (_socket.State != WebSocketState.Closed) _socket.Abort();
            // Under the gate: a Close that got in first has started its timer; any later one finds the queue stopped.
            lock (_gate) _abort.Dispose();

            _metrics.ConnectionClosed();
            RealtimeLog.Closed(_logger, _callerName, _socket.CloseStatus?.ToString() ?? "aborted");
        }
    }

    /// <summary>Starts the closing handshake; queued frames are dropped and the whole close is bounded by the close timeout.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            if (_outbound.Close(status, reason)) ClosingLocked();
        }
    }

    public void Deliver(EventFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        lock (_gate) HandleOutcomeLocked(_outbound.Deliver(frame));
    }

    internal void Reply(ServerReply reply)
    {
        lock (_gate) HandleOutcomeLocked(_outbound.Reply(reply));
    }

    /// <summary>Opens channels with their <c>subscribed</c> reply; false when the socket is already closing.</summary>
    internal bool OpenChannels(IReadOnlyCollection<string> channels, SubscribedReply subscribed)
    {
        lock (_gate)
        {
            var outcome = _outbound.OpenChannels(channels, subscribed);
            HandleOutcomeLocked(outcome);
            return outcome != QueueOutcome.Dropped;
        }
    }

    internal void CloseChannels(IReadOnlyCollection<string> channels, UnsubscribedReply unsubscribed)
    {
        lock (_gate) HandleOutcomeLocked(_outbound.CloseChannels(channels, unsubscribed));
    }

    private void HandleOutcomeLocked(QueueOutcome outcome)
    {
        switch (outcome)
        {
            case QueueOutcome.Queued:
                ScheduleWriterLocked();
                break;
            case QueueOutcome.Coalesced:
                _metrics.Coalesced();
                break;
            case QueueOutcome.Overflowed:
                _metrics.SlowConsumer();
                RealtimeLog.SlowConsumer(_logger, _callerName, _options.OutboundQueueCapacity, _outbound.OpenChannelCount);
                ClosingLocked();
                break;
        }
    }

    private void ClosingLocked()
    {
        ScheduleWriterLocked();
        // Also bounds a send stuck behind a client that stopped reading: it is cancelled, which aborts the socket.
        _abort.CancelAfter(_options.CloseTimeout);
    }

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
                    if (_outbound.IsClosing)
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
                    await _requests.HandleAsync(message, _abort.Token).ConfigureAwait(false);
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
                            if (!_outbound.TryDequeue(out payload, out isEvent)) break;
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
                    if (_outbound.IsClosing || _abort.IsCancellationRequested) break;
                    if (_outbound.IsEmpty)
                    {
                        _writerQueued = false;
                        return;
                    }
                }
            }

            // Closing (queued frames are dropped), or aborted, when this throws at once.
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(_outbound.CloseStatus, _outbound.CloseReason, _abort.Token).ConfigureAwait(false);
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
}
