using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class SnapshotTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Restore_round_trip_reproduces_identical_state(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 5);
        book.Buy(2, "b", 100, 5);
        book.Buy(3, "c", 99, 5);
        book.Sell(4, "d", 103, 5);
        book.Sell(5, "e", 104, 5);
        book.Sell(6, "f", 103, 5);
        book.Sell(7, "g", 100, 3);  // partially fills #1
        book.Buy(8, "h", 103, 2);   // partially fills #4

        EngineOrder[] snapshot = [.. book.Engine.RestingOrdersInPriorityOrder().Select(o => o.Clone())];
        var restored = new TestBook(dense);
        foreach (EngineOrder order in snapshot)
        {
            restored.Engine.Restore(order);
        }

        Assert.Equal(Describe(book.Engine), Describe(restored.Engine));
        Assert.Equal(book.Depth(Side.Buy), restored.Depth(Side.Buy));
        Assert.Equal(book.Depth(Side.Sell), restored.Depth(Side.Sell));
        Assert.Equal(book.Engine.BestBid, restored.Engine.BestBid);
        Assert.Equal(book.Engine.BestAsk, restored.Engine.BestAsk);
        Assert.Equal(book.Engine.RestingCount, restored.Engine.RestingCount);
        Assert.Equal(EngineOrderStatus.PartiallyFilled, restored.Engine.FindResting(1)!.Status);
        Assert.Equal(300, restored.Engine.FindResting(1)!.Notional);

        // Same command on both must give the same outcome: time priority survived the round trip.
        book.Sell(9, "z", 99, 9);
        restored.Sell(9, "z", 99, 9);
        Assert.Equal(book.Trades(), restored.Trades());
        Assert.Equal(Describe(book.Engine), Describe(restored.Engine));
    }

    [Fact]
    public void Restore_rejects_an_order_still_linked_into_another_book()
    {
        var book = new TestBook(dense: true);
        EngineOrder live = book.Buy(1, "a", 100, 5);
        var other = new TestBook(dense: true);

        Assert.Throws<ArgumentException>(() => other.Engine.Restore(live));
        Assert.Equal(0, other.Engine.RestingCount);
    }

    [Fact]
    public void Restore_rejects_orders_that_would_cross_or_are_complete()
    {
        var book = new TestBook(dense: true);
        book.Engine.Restore(EngineOrder.ForRestore(1, "a", Side.Buy, 100, 5, 2, 200, 0));

        Assert.Throws<ArgumentException>(() => book.Engine.Restore(EngineOrder.ForRestore(2, "b", Side.Sell, 100, 5, 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => book.Engine.Restore(EngineOrder.ForRestore(3, "b", Side.Sell, 101, 5, 5, 505, 0)));
        Assert.Throws<ArgumentException>(() => book.Engine.Restore(EngineOrder.ForRestore(1, "b", Side.Sell, 101, 5, 0, 0, 0)));
        Assert.Throws<ArgumentException>(() => book.Engine.Restore(EngineOrder.Market(4, "b", Side.Sell, 5)));
        Assert.Equal(1, book.Engine.RestingCount);
        Assert.Equal(3, book.Engine.FindResting(1)!.Remaining);
    }

    internal static string[] Describe(MatchingEngine engine) =>
        [.. engine.RestingOrdersInPriorityOrder().Select(o => o.ToString())];
}
