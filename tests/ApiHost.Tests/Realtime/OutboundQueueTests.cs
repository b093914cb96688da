using System.Net.WebSockets;
using System.Text;
using GridTokenX.ApiHost.Realtime;
using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>A socket's outbound queue on its own: ordering, the channel window, book coalescing, the limit, closing.</summary>
public sealed class OutboundQueueTests
{
    private const string A = "market:ENERGY-USD";
    private const string B = "market:SOLAR-USD";

    private static EventFrame Event(string channel, string type, string name) => new(channel, type, Encoding.UTF8.GetBytes(name));

    private static EventFrame Trade(string channel, string name) => Event(channel, EventTypes.TradeExecuted, name);

    private static EventFrame Book(string channel, string name) => Event(channel, EventTypes.OrderBookUpdate, name);

    private static OutboundQueue Opened(int capacity = 100, params string[] channels)
    {
        var queue = new OutboundQueue(capacity);
        Assert.Equal(QueueOutcome.Queued, queue.OpenChannels(channels.Length == 0 ? [A] : channels, new SubscribedReply("s", channels)));
        Assert.True(queue.TryDequeue(out _, out var isEvent));
        Assert.False(isEvent);
        return queue;
    }

    /// <summary>Everything the queue hands out until it has nothing more, events by name and replies by op.</summary>
    private static List<string> Drain(OutboundQueue queue)
    {
        var written = new List<string>();
        while (queue.TryDequeue(out var payload, out var isEvent))
        {
            var text = Encoding.UTF8.GetString(payload.Span);
            written.Add(isEvent ? text : System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("op").GetString()!);
        }

        return written;
    }

    [Fact]
    public void Frames_leave_in_the_order_they_were_queued()
    {
        var queue = Opened();
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Trade(A, "t1")));
        Assert.Equal(QueueOutcome.Queued, queue.Reply(new PongReply("p")));
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Event(A, EventTypes.PriceUpdate, "p1")));
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Trade(A, "t2")));

        Assert.Equal(["t1", "pong", "p1", "t2"], Drain(queue));
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Events_pass_only_between_the_subscribed_and_unsubscribed_replies_of_their_channel()
    {
        var queue = new OutboundQueue(100);
        Assert.Equal(QueueOutcome.Dropped, queue.Deliver(Trade(A, "before")));
        queue.OpenChannels([A], new SubscribedReply("s", [A]));
        queue.Deliver(Trade(A, "during"));
        Assert.Equal(QueueOutcome.Dropped, queue.Deliver(Trade(B, "other channel")));
        queue.CloseChannels([A], new UnsubscribedReply("u", [A]));
        Assert.Equal(QueueOutcome.Dropped, queue.Deliver(Trade(A, "after")));

        Assert.Equal(["subscribed", "during", "unsubscribed"], Drain(queue));
    }

    [Fact]
    public void A_queued_book_snapshot_is_replaced_by_the_newest()
    {
        var queue = Opened();
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Book(A, "b1")));
        Assert.Equal(QueueOutcome.Coalesced, queue.Deliver(Book(A, "b2")));
        Assert.Equal(QueueOutcome.Coalesced, queue.Deliver(Book(A, "b3")));

        Assert.Equal(["b3"], Drain(queue));
    }

    [Fact]
    public void Coalescing_keeps_the_newest_snapshot_before_a_following_trade()
    {
        var queue = Opened();
        queue.Deliver(Book(A, "b1"));
        queue.Deliver(Book(A, "b2"));
        queue.Deliver(Trade(A, "t"));
        // The queued snapshot is no longer the newest frame of the channel: replacing it would move b3 before the trade.
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Book(A, "b3")));

        Assert.Equal(["b2", "t", "b3"], Drain(queue));
    }

    [Fact]
    public void Snapshots_coalesce_per_channel()
    {
        var queue = Opened(100, A, B);
        queue.Deliver(Book(A, "a1"));
        queue.Deliver(Trade(B, "b-trade"));
        Assert.Equal(QueueOutcome.Coalesced, queue.Deliver(Book(A, "a2")));

        Assert.Equal(["a2", "b-trade"], Drain(queue));
    }

    [Fact]
    public void A_snapshot_already_handed_to_the_writer_is_not_replaced()
    {
        var queue = Opened();
        queue.Deliver(Book(A, "b1"));
        Assert.Equal(["b1"], Drain(queue));

        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Book(A, "b2")));
        Assert.Equal(["b2"], Drain(queue));
    }

    [Fact]
    public void A_snapshot_queued_before_unsubscribing_is_not_replaced_after_subscribing_again()
    {
        var queue = Opened();
        queue.Deliver(Book(A, "b1"));
        queue.CloseChannels([A], new UnsubscribedReply("u", [A]));
        queue.OpenChannels([A], new SubscribedReply("s", [A]));
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Book(A, "b2")));

        Assert.Equal(["b1", "unsubscribed", "subscribed", "b2"], Drain(queue));
    }

    [Fact]
    public void A_full_queue_closes_as_a_slow_consumer()
    {
        var queue = Opened(capacity: 2);
        Assert.Equal(QueueOutcome.Queued, queue.Deliver(Trade(A, "t1")));
        Assert.Equal(QueueOutcome.Queued, queue.Reply(new PongReply("p")));
        Assert.False(queue.IsClosing);

        Assert.Equal(QueueOutcome.Overflowed, queue.Deliver(Trade(A, "t2")));
        Assert.True(queue.IsClosing);
        Assert.Equal(((WebSocketCloseStatus)1013, "slow_consumer"), (queue.CloseStatus, queue.CloseReason));
        // Only the first overflow is one: the socket is closing from then on.
        Assert.Equal(QueueOutcome.Dropped, queue.Deliver(Trade(A, "t3")));
        Assert.Equal(QueueOutcome.Dropped, queue.Reply(new PongReply("p")));
        Assert.False(queue.Close(WebSocketCloseStatus.NormalClosure, ""));
        Assert.Empty(Drain(queue));
    }

    [Fact]
    public void Replies_count_against_the_limit()
    {
        var queue = new OutboundQueue(1);
        Assert.Equal(QueueOutcome.Queued, queue.Reply(new PongReply("1")));
        Assert.Equal(QueueOutcome.Overflowed, queue.Reply(new PongReply("2")));
    }

    [Fact]
    public void A_coalesced_snapshot_takes_no_room()
    {
        var queue = Opened(capacity: 1);
        queue.Deliver(Book(A, "b1"));
        Assert.Equal(QueueOutcome.Coalesced, queue.Deliver(Book(A, "b2")));

        Assert.Equal(["b2"], Drain(queue));
    }

    [Fact]
    public void Closing_drops_what_is_queued_and_refuses_more_and_the_first_close_decides()
    {
        var queue = Opened();
        queue.Deliver(Trade(A, "t1"));
        queue.Reply(new PongReply("p"));

        Assert.True(queue.Close(WebSocketCloseStatus.EndpointUnavailable, "server_shutting_down"));
        Assert.False(queue.Close(WebSocketCloseStatus.NormalClosure, "later"));
        Assert.Equal((WebSocketCloseStatus.EndpointUnavailable, "server_shutting_down"), (queue.CloseStatus, queue.CloseReason));

        Assert.Empty(Drain(queue));
        Assert.Equal(QueueOutcome.Dropped, queue.Deliver(Trade(A, "t2")));
        Assert.Equal(QueueOutcome.Dropped, queue.Reply(new PongReply("p")));
        Assert.Equal(QueueOutcome.Dropped, queue.OpenChannels([B], new SubscribedReply("s", [B])));
        Assert.Equal(QueueOutcome.Dropped, queue.CloseChannels([A], new UnsubscribedReply("u", [A])));
    }

    [Fact]
    public void A_stopped_queue_has_no_open_channel_and_takes_no_close()
    {
        var queue = Opened(100, A, B);
        queue.Deliver(Trade(A, "t1"));
        queue.Stop();

        Assert.True(queue.IsClosing);
        Assert.Equal(0, queue.OpenChannelCount);
        Assert.False(queue.Close(WebSocketCloseStatus.NormalClosure, ""));
        Assert.Equal(QueueOutcome.Dropped, queue.Deliver(Trade(B, "t2")));
        Assert.Empty(Drain(queue));
    }
}
