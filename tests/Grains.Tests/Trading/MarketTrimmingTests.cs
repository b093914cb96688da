using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>
/// A market trims the oldest history segments at a checkpoint once the read model holds them, settlement has settled
/// them and they are older than the retention; a market restored from what is left serves the same views.
/// </summary>
public sealed class MarketTrimmingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly MarketSpec _spec = MarketCatalog.Create([], out _).Markets[0];

    [Fact]
    public void Trimmed_history_leaves_the_same_views_ticker_and_numbering_and_restores_from_what_is_left()
    {
        var (m, journal, first) = OldHistory();
        var twin = OldHistory().Market; // the same commands, never trimmed
        m.ReadModelHolds(first.State.Sequence);
        m.SettledThrough(3);
        TradeAt(m, T0 + (2 * Day));
        TradeAt(twin, T0 + (2 * Day));

        journal.Write(m.TakeCheckpoint(Day));

        Assert.Equal((1, 3, 2), (m.SegmentsBefore, m.TradesBefore, journal.History.Count));
        foreach (var number in new long[] { 1, 2, 3, 4 }) Assert.Null(m.Find(number)); // final in the first segment
        Assert.Null(m.FindByClientOrderId("a", "a-old"));
        Assert.NotNull(m.FindByClientOrderId("d", "d-new"));
        var resting = m.Find(5)!;                                   // rests since day 0: never trimmed
        Assert.False(resting.IsFinal);
        Assert.Empty(m.ArrivalTrades(resting));                     // its arrival fill (trade 3) was trimmed
        Assert.Single(twin.ArrivalTrades(twin.Find(5)!));
        Assert.Equal(["ENERGY-USD.T5", "ENERGY-USD.T4"], m.RecentTrades(100).Select(t => t.TradeId));
        Assert.Empty(m.UserOrders("a", false, 100));
        Assert.Equal(["ENERGY-USD.T5", "ENERGY-USD.T4"], m.UserTrades("c", 100).Select(t => t.TradeId));
        Assert.Equal(twin.UserTrades("c", 1), m.UserTrades("c", 1));
        Assert.Equal(twin.Book(50, T0).Bids, m.Book(50, T0).Bids);
        var changes = m.Changes.After(0, m.Sequence, 100);
        Assert.Equal((4L, 2), (changes.FirstTradeNumber, changes.TradeCount));
        Assert.All(changes.OrderNumbers, n => Assert.NotNull(m.Find(n)));

        var restored = journal.Restore(_spec);
        foreach (var at in new[] { T0 + (2 * Day), T0 + (2 * Day) + TimeSpan.FromHours(1), T0 + (4 * Day) })
        {
            Assert.Equal(twin.Ticker(at), m.Ticker(at));
            Assert.Equal(twin.Ticker(at), restored.Ticker(at));
        }

        Assert.Equal((m.Sequence, m.TradeCount, m.TradesBefore, m.SegmentsBefore), (restored.Sequence, restored.TradeCount, restored.TradesBefore, restored.SegmentsBefore));
        Assert.Equal(m.RecentTrades(100), restored.RecentTrades(100));
        foreach (var user in new[] { "a", "b", "c", "d", "e", "f" })
        {
            Assert.Equal(m.UserOrders(user, false, 100), restored.UserOrders(user, false, 100));
            Assert.Equal(m.UserTrades(user, 100), restored.UserTrades(user, 100));
        }

        Assert.Equal(m.Book(50, T0).Bids, restored.Book(50, T0).Bids);
        Assert.Equal(m.Book(50, T0).Asks, restored.Book(50, T0).Asks);
        Assert.Null(restored.FindByClientOrderId("a", "a-old"));
        Assert.Empty(restored.ArrivalTrades(restored.Find(5)!));

        // Numbering goes on from the trimmed count, in all three.
        foreach (var market in new[] { m, restored, twin })
        {
            var sell = market.Place(Place(market, "g", OrderSide.Sell, 1010, 150, at: T0 + (3 * Day)));
            Assert.Equal("ENERGY-USD.T6", Assert.Single(market.ArrivalTrades(sell)).TradeId);
            Assert.Equal(OrderStatus.Filled, market.ToOrder(market.Find(5)!).Status);
        }

        // A client_order_id whose order was trimmed is forgotten: the market no longer knows it (the grain would place anew).
        var again = restored.Place(Place(restored, "a", OrderSide.Sell, 1000, 1000, coid: "a-old", at: T0 + (3 * Day)));
        Assert.Same(again, restored.FindByClientOrderId("a", "a-old"));
    }

    [Fact]
    public void Nothing_is_trimmed_beyond_what_the_read_model_holds_what_is_settled_or_the_retention()
    {
        var (m, journal, first) = OldHistory();
        m.ReadModelHolds(first.State.Sequence - 1);
        m.SettledThrough(2);
        journal.Write(m.TakeCheckpoint(Day));
        Assert.Equal(0, m.SegmentsBefore);                          // the read model is one command short

        m.ReadModelHolds(first.State.Sequence);
        m.ReadModelHolds(1);                                        // a position never moves back
        m.SettledThrough(1);
        TradeAt(m, T0 + (2 * Day));
        journal.Write(m.TakeCheckpoint(Day));
        Assert.Equal(0, m.SegmentsBefore);                          // one of its trades is not settled

        m.SettledThrough(3);
        TradeAt(m, T0 + (2 * Day));
        journal.Write(m.TakeCheckpoint(3 * Day));
        Assert.Equal(0, m.SegmentsBefore);                          // not older than the retention

        journal.Write(m.TakeCheckpoint(null));
        Assert.Equal(0, m.SegmentsBefore);                          // no retention: history is kept for good

        TradeAt(m, T0 + (2 * Day));
        journal.Write(m.TakeCheckpoint(Day));
        Assert.Equal(1, m.SegmentsBefore);
        Assert.Equal(m.RecentTrades(100), journal.Restore(_spec).RecentTrades(100));
        Assert.Equal(journal.History.Count, m.SegmentsRetained);
    }

    [Fact]
    public void A_snapshot_and_segments_from_before_trimming_restore_and_trim_only_as_late_as_the_checkpoint_allows()
    {
        var (m, journal, first) = OldHistory();
        // As written before segments recorded their sequence and time, and snapshots what was trimmed.
        journal.History[0] = journal.History[0] with { Sequence = 0, LastTimestampMs = 0 };
        journal.History[1] = journal.History[1] with { Sequence = 0, LastTimestampMs = 0 };
        var legacy = journal.Restore(_spec);
        Assert.Equal(m.RecentTrades(100), legacy.RecentTrades(100));

        // Both segments count as of the restored checkpoint (day 2): after day 3 they may go, both at once.
        legacy.ReadModelHolds(legacy.Sequence);
        legacy.SettledThrough(legacy.TradeCount);
        TradeAt(legacy, T0 + (2 * Day) + TimeSpan.FromHours(23));
        journal.Write(legacy.TakeCheckpoint(Day));
        Assert.Equal(0, legacy.SegmentsBefore);
        legacy.ReadModelHolds(legacy.Sequence);
        legacy.SettledThrough(legacy.TradeCount);
        TradeAt(legacy, T0 + (3 * Day) + TimeSpan.FromHours(1));
        journal.Write(legacy.TakeCheckpoint(Day));
        Assert.Equal((2, 4), (legacy.SegmentsBefore, legacy.TradesBefore));
        Assert.NotNull(first);
        Assert.Equal(legacy.RecentTrades(100), journal.Restore(_spec).RecentTrades(100));
    }

    /// <summary>
    /// Day 0: trades 1-3 and orders 1-4 final, order 5 (c's buy) rests after an arrival fill; a checkpoint. Day 2:
    /// trade 4 (d's client_order_id "d-new" against order 5), e's buy rests; a checkpoint, without retention.
    /// </summary>
    private (Market Market, Journal Journal, MarketCheckpoint First) OldHistory()
    {
        var m = new Market(_spec);
        var journal = new Journal();
        m.Place(Place(m, "a", OrderSide.Sell, 1000, 1000, coid: "a-old", at: T0));
        m.Place(Place(m, "b", OrderSide.Buy, 1000, 1000, coid: "b-old", at: T0));        // trade 1
        m.Place(Place(m, "b", OrderSide.Sell, 1005, 500, at: T0));
        m.Place(Place(m, "c", OrderSide.Buy, 1020, 300, at: T0));                      // trade 2
        m.Place(Place(m, "c", OrderSide.Buy, 1010, 400, at: T0));                      // trade 3, then rests
        var first = m.TakeCheckpoint(Day);
        journal.Write(first);
        m.Place(Place(m, "d", OrderSide.Sell, 1010, 50, coid: "d-new", at: T0 + (2 * Day))); // trade 4
        m.Place(Place(m, "e", OrderSide.Buy, 900, 100, at: T0 + (2 * Day)));
        journal.Write(m.TakeCheckpoint(Day));
        Assert.Equal(0, m.SegmentsBefore);                          // the read model holds nothing yet
        return (m, journal, first);
    }

    /// <summary>f sells 10 lots at 900 into the best resting buy (c's order 5 while it rests): one trade.</summary>
    private static void TradeAt(Market m, DateTimeOffset at) => m.Place(Place(m, "f", OrderSide.Sell, 900, 10, at: at));

    private static PlaceCommand Place(Market m, string user, OrderSide side, long price, long qty, string? coid = null, DateTimeOffset? at = null) =>
        new(m.Sequence + 1, (at ?? T0).ToUnixTimeMilliseconds(), m.NextOrderNumber, user, coid, side, OrderType.Limit, TimeInForce.Gtc, price, qty);

    /// <summary>What a journal store keeps of a market's checkpoints (the stores' own tests check they keep exactly this).</summary>
    private sealed class Journal
    {
        public List<MarketHistorySegment> History { get; } = [];

        public Dictionary<long, OrderRecord> Resting { get; } = [];

        public MarketSnapshot? State { get; private set; }

        public void Write(MarketCheckpoint checkpoint)
        {
            History.Add(checkpoint.History);
            History.RemoveRange(0, History.Count - (checkpoint.State.HistorySegments - checkpoint.State.SegmentsBefore));
            foreach (var changed in checkpoint.RestingChanged) Resting[changed.Number] = changed;
            foreach (var ended in checkpoint.RestingEnded) Resting.Remove(ended);
            State = checkpoint.State;
        }

        public Market Restore(MarketSpec spec) => Market.Restore(spec, History, Resting.Values, State!);
    }
}
