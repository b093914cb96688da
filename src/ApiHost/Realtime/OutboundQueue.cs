using System.Net.WebSockets;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// What one socket has yet to be sent, in order: its replies, the events of the channels it has open, and book
/// snapshots that a newer one of the same channel may still replace. Bounded: a client that does not keep up is
/// closed as a slow consumer rather than left with a hole in its events it could not see.
/// </summary>
/// <remarks>
/// Not thread-safe: its connection calls it under one lock, which also covers what must happen together with
/// queueing (scheduling the writer, starting the close timer).
/// </remarks>
internal sealed class OutboundQueue(int capacity)
{
    /// <summary>1013, "try again later": the close status of a slow consumer.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public const string SlowConsumerReason = "slow_consumer";

    private readonly Queue<Outbound> _queue = new();

    // A channel is forwarded only once its `subscribed` reply is queued and until its `unsubscribed` reply is, so a
    // client never sees an event outside that window.
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);

    // Per channel, the queued book frame that newer snapshots may still replace: the newest frame of the channel in
    // the queue, not yet written.
    private readonly Dictionary<string, BookSlot> _pendingBook = new(StringComparer.Ordinal);

    /// <summary>Closing or stopped: nothing more is queued or handed out.</summary>
    public bool IsClosing { get; private set; }

    /// <summary>The status of the close frame owed to the peer (set by the first <see cref="Close"/>).</summary>
    public WebSocketCloseStatus CloseStatus { get; private set; }

    public string CloseReason { get; private set; } = "";

    public bool IsEmpty => _queue.Count == 0;

    public int OpenChannelCount => _channels.Count;

    /// <summary>Queues an event of an open channel; a book snapshot replaces the channel's newest queued one if it can.</summary>
    public QueueOutcome Deliver(EventFrame frame)
    {
        if (IsClosing || !_channels.Contains(frame.Channel)) return QueueOutcome.Dropped;
        if (!frame.Coalescible)
        {
            var outcome = Enqueue(new Outbound(frame, null, default));
            // Coalescing only into the newest frame of the channel keeps its events in order.
            if (outcome == QueueOutcome.Queued) _pendingBook.Remove(frame.Channel);
            return outcome;
        }

        if (_pendingBook.TryGetValue(frame.Channel, out var pending))
        {
            pending.Latest = frame;
            return QueueOutcome.Coalesced;
        }

        var slot = new BookSlot(frame);
        var queued = Enqueue(new Outbound(null, slot, default));
        if (queued == QueueOutcome.Queued) _pendingBook[frame.Channel] = slot;
        return queued;
    }

    public QueueOutcome Reply(ServerReply reply) => IsClosing ? QueueOutcome.Dropped : Enqueue(Outbound.ForReply(reply));

    /// <summary>Opens channels and queues their <c>subscribed</c> reply, in one step so no event can come before it.</summary>
    public QueueOutcome OpenChannels(IReadOnlyCollection<string> channels, ServerReply subscribed)
    {
        if (IsClosing) return QueueOutcome.Dropped;
        _channels.UnionWith(channels);
        return Enqueue(Outbound.ForReply(subscribed));
    }

    /// <summary>Closes channels and queues their <c>unsubscribed</c> reply, in one step so no event can come after it.</summary>
    public QueueOutcome CloseChannels(IReadOnlyCollection<string> channels, ServerReply unsubscribed)
    {
        foreach (var channel in channels)
        {
            _channels.Remove(channel);
            // A snapshot queued before the reply stays before it; a later one must not be written into its place.
            _pendingBook.Remove(channel);
        }

        return IsClosing ? QueueOutcome.Dropped : Enqueue(Outbound.ForReply(unsubscribed));
    }

    /// <summary>
    /// Starts closing: queued frames are dropped and the close frame is all that is still owed. False when already
    /// closing or stopped; the first close decides the status.
    /// </summary>
    public bool Close(WebSocketCloseStatus status, string reason)
    {
        if (IsClosing) return false;
        IsClosing = true;
        CloseStatus = status;
        CloseReason = reason;
        return true;
    }

    /// <summary>The connection is over: no channel is open and nothing more is queued, not even a close.</summary>
    public void Stop()
    {
        IsClosing = true;
        _channels.Clear();
        _pendingBook.Clear();
    }

    /// <summary>The next frame to write, unless the queue is empty or closing.</summary>
    /// <param name="isEvent">An event (counted as delivered once written), not a reply.</param>
    public bool TryDequeue(out ReadOnlyMemory<byte> payload, out bool isEvent)
    {
        if (IsClosing || !_queue.TryDequeue(out var item))
        {
            payload = default;
            isEvent = false;
            return false;
        }

        isEvent = item.Event is not null || item.Book is not null;
        payload = item.Event?.Payload ?? item.Reply;
        if (item.Book is { } book)
        {
            payload = book.Latest.Payload;
            // Being written now: a newer snapshot must take a new place at the end.
            if (_pendingBook.TryGetValue(book.Latest.Channel, out var pending) && ReferenceEquals(pending, book))
                _pendingBook.Remove(book.Latest.Channel);
        }

        return true;
    }

    private QueueOutcome Enqueue(Outbound item)
    {
        if (_queue.Count < capacity)
        {
            _queue.Enqueue(item);
            return QueueOutcome.Queued;
        }

        Close(TryAgainLater, SlowConsumerReason);
        return QueueOutcome.Overflowed;
    }

    /// <summary>
    /// A queued frame: an event (shared by every socket of its channel), a book snapshot that newer ones may replace
    /// until it is written, or one of this socket's replies. A struct, so queueing an event allocates nothing per socket.
    /// </summary>
    private readonly record struct Outbound(EventFrame? Event, BookSlot? Book, ReadOnlyMemory<byte> Reply)
    {
        public static Outbound ForReply(ServerReply reply) => new(null, null, reply.Serialize());
    }

    /// <summary>A book snapshot's place in the queue; a newer snapshot of the channel replaces it until it is written.</summary>
    private sealed class BookSlot(EventFrame latest)
    {
        public EventFrame Latest { get; set; } = latest;
    }
}
