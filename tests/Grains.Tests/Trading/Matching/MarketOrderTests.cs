using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class MarketOrderTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Market_buy_sweeps_best_prices_until_filled(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 2);
        book.Sell(2, "b", 900, 2);
        book.Sell(3, "c", 500, 2);

        EngineOrder market = book.MarketBuy(10, "x", 5);

        Assert.Equal([(1L, 10L, 100L, 2L), (3, 10, 500, 2), (2, 10, 900, 1)], book.Trades());
        Assert.Equal(EngineOrderStatus.Filled, market.Status);
        Assert.Equal(0, market.Price);
        Assert.Equal(EngineTimeInForce.Ioc, market.Tif);
        Assert.Equal(900, book.Engine.BestAsk);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Market_sell_partially_filled_then_book_empty_is_cancelled_no_liquidity(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 2);
        book.Buy(2, "b", 90, 2);

        EngineOrder market = book.MarketSell(10, "x", 10);

        Assert.Equal([(1L, 10L, 100L, 2L), (2, 10, 90, 2)], book.Trades());
        Assert.Equal(EngineOrderStatus.Cancelled, market.Status);
        Assert.Equal(EngineCancelReason.NoLiquidity, market.CancelReason);
        Assert.Equal(4, market.Filled);
        Assert.Equal(380, market.Notional);
        Assert.Null(book.Engine.BestBid);
        Assert.Equal(0, book.Engine.RestingCount);
        Assert.False(market.IsResting);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Market_order_on_empty_side_is_cancelled_no_liquidity(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 2); // same side only: nothing to take

        EngineOrder market = book.MarketBuy(10, "x", 3);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineOrderStatus.Cancelled, market.Status);
        Assert.Equal(EngineCancelReason.NoLiquidity, market.CancelReason);
        Assert.Equal(0, market.Filled);
        Assert.Equal(1, book.Engine.RestingCount);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Market_order_is_ioc_even_when_gtc_or_fok_requested(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 2);

        EngineOrder fokMarket = book.Place(new EngineOrder(10, "x", Side.Buy, OrderKind.Market, EngineTimeInForce.Fok, 0, 5, 0));
        Assert.Equal([(1L, 10L, 100L, 2L)], book.Trades()); // a FOK would have traded nothing
        Assert.Equal(EngineCancelReason.NoLiquidity, fokMarket.CancelReason);

        EngineOrder gtcMarket = book.Place(new EngineOrder(11, "x", Side.Sell, OrderKind.Market, EngineTimeInForce.Gtc, 123, 5, 0));
        Assert.Equal(EngineCancelReason.NoLiquidity, gtcMarket.CancelReason);
        Assert.False(gtcMarket.IsResting);
        Assert.Equal(0, book.Engine.RestingCount);
    }
}
