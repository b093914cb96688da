using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class SelfTradeTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Gtc_stops_at_own_order_and_does_not_rest(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 2);
        EngineOrder own = book.Sell(2, "x", 100, 2);
        book.Sell(3, "b", 100, 2);

        EngineOrder buy = book.Buy(10, "x", 101, 10);

        Assert.Equal([(1L, 10L, 100L, 2L)], book.Trades());
        Assert.Equal(EngineOrderStatus.Cancelled, buy.Status);
        Assert.Equal(EngineCancelReason.SelfTrade, buy.CancelReason);
        Assert.Equal(2, buy.Filled);
        Assert.False(buy.IsResting);
        Assert.Null(book.Engine.BestBid);
        Assert.Equal(EngineOrderStatus.Open, own.Status);
        Assert.Equal(0, own.Filled);
        Assert.Equal([(2L, 2L), (3, 2)], book.Book());
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Own_order_at_best_price_blocks_immediately(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "x", 100, 5);
        book.Buy(2, "a", 99, 5);

        EngineOrder sell = book.Sell(10, "x", 90, 3, EngineTimeInForce.Ioc);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineCancelReason.SelfTrade, sell.CancelReason);
        Assert.Equal(0, sell.Filled);
        Assert.Equal([(1L, 5L), (2, 5)], book.Book());
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Order_filled_before_reaching_own_order_is_just_filled(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 5);
        book.Sell(2, "x", 100, 5);

        EngineOrder buy = book.Buy(10, "x", 100, 5);

        Assert.Equal(EngineOrderStatus.Filled, buy.Status);
        Assert.Equal(EngineCancelReason.None, buy.CancelReason);
        Assert.Equal([(2L, 5L)], book.Book());
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Own_order_beyond_limit_price_does_not_count(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 2);
        book.Sell(2, "x", 105, 2);

        EngineOrder buy = book.Buy(10, "x", 101, 5);

        Assert.Equal(EngineOrderStatus.PartiallyFilled, buy.Status);
        Assert.True(buy.IsResting);
        Assert.Equal(101, book.Engine.BestBid);
        Assert.Equal(105, book.Engine.BestAsk);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Market_order_hitting_own_order_is_cancelled_self_trade(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 1);
        book.Buy(2, "x", 99, 5);
        book.Buy(3, "b", 98, 5);

        EngineOrder market = book.MarketSell(10, "x", 4);

        Assert.Equal([(1L, 10L, 100L, 1L)], book.Trades());
        Assert.Equal(EngineOrderStatus.Cancelled, market.Status);
        Assert.Equal(EngineCancelReason.SelfTrade, market.CancelReason);
        Assert.Equal(1, market.Filled);
        Assert.Equal([(2L, 5L), (3, 5)], book.Book());
    }

    [Fact]
    public void User_ids_compare_by_value_not_reference()
    {
        var book = new TestBook(dense: true);
        book.Sell(1, new string(['u', '1']), 100, 2);

        EngineOrder buy = book.Buy(10, new string(['u', '1']), 100, 2);

        Assert.Equal(EngineCancelReason.SelfTrade, buy.CancelReason);
        Assert.Empty(book.LastFills);
    }
}
