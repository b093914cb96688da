using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class PriorityTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Better_price_matches_first(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 102, 5);
        book.Sell(2, "b", 100, 5);
        book.Sell(3, "c", 101, 5);

        book.Buy(10, "x", 105, 12);

        Assert.Equal([(2L, 10L, 100L, 5L), (3, 10, 101, 5), (1, 10, 102, 2)], book.Trades());
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Same_price_matches_in_arrival_order(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 3);
        book.Buy(2, "b", 100, 3);
        book.Buy(3, "c", 100, 3);

        book.Sell(10, "x", 100, 5);

        Assert.Equal([(1L, 10L, 100L, 3L), (2, 10, 100, 2)], book.Trades());
        Assert.Equal([(2L, 1L), (3, 3)], book.Book());
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Trade_executes_at_resting_price(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 5);
        EngineOrder buy = book.Buy(2, "b", 110, 5);
        Assert.Equal(100, Assert.Single(book.LastFills).Price);
        Assert.Equal(500, buy.Notional);

        book.Buy(3, "a", 90, 5);
        EngineOrder sell = book.Sell(4, "b", 80, 5);
        Assert.Equal(90, Assert.Single(book.LastFills).Price);
        Assert.Equal(450, sell.Notional);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Partial_fills_walk_several_levels_and_leave_maker_partially_filled(bool dense)
    {
        var book = new TestBook(dense);
        EngineOrder a = book.Sell(1, "a", 100, 2);
        EngineOrder b = book.Sell(2, "b", 101, 3);
        EngineOrder c = book.Sell(3, "c", 102, 4);

        EngineOrder taker = book.Buy(10, "x", 102, 7, EngineTimeInForce.Ioc);

        Assert.Equal([(1L, 10L, 100L, 2L), (2, 10, 101, 3), (3, 10, 102, 2)], book.Trades());
        Assert.Equal(EngineOrderStatus.Filled, taker.Status);
        Assert.Equal(7, taker.Filled);
        Assert.Equal((2 * 100) + (3 * 101) + (2 * 102), taker.Notional);
        Assert.Equal(EngineOrderStatus.Filled, a.Status);
        Assert.False(a.IsResting);
        Assert.Equal(EngineOrderStatus.Filled, b.Status);
        Assert.Equal(EngineOrderStatus.PartiallyFilled, c.Status);
        Assert.Equal(2, c.Remaining);
        Assert.True(c.IsResting);
        Assert.Equal(102, book.Engine.BestAsk);
        Assert.Equal(1, book.Engine.RestingCount);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Gtc_remainder_rests_partially_filled_at_its_own_price(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 4);

        EngineOrder buy = book.Buy(2, "b", 105, 10);

        Assert.Equal(EngineOrderStatus.PartiallyFilled, buy.Status);
        Assert.Equal(EngineCancelReason.None, buy.CancelReason);
        Assert.True(buy.IsResting);
        Assert.Same(buy, book.Engine.FindResting(2));
        Assert.Equal(105, book.Engine.BestBid);
        Assert.Null(book.Engine.BestAsk);
        Assert.Equal([new PriceLevelView(105, 6, 1)], book.Depth(Side.Buy));
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Non_crossing_gtc_rests_open(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 101, 4);

        EngineOrder buy = book.Buy(2, "b", 100, 10);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineOrderStatus.Open, buy.Status);
        Assert.Equal(100, book.Engine.BestBid);
        Assert.Equal(101, book.Engine.BestAsk);
        Assert.Equal(2, book.Engine.RestingCount);
    }
}
