using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class TimeInForceTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Ioc_fills_what_crosses_and_cancels_the_rest(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 3);
        book.Sell(2, "a", 103, 3);

        EngineOrder ioc = book.Buy(10, "x", 101, 5, EngineTimeInForce.Ioc);

        Assert.Equal([(1L, 10L, 100L, 3L)], book.Trades());
        Assert.Equal(EngineOrderStatus.Cancelled, ioc.Status);
        Assert.Equal(EngineCancelReason.IocRemainder, ioc.CancelReason);
        Assert.Equal(3, ioc.Filled);
        Assert.False(ioc.IsResting);
        Assert.Null(book.Engine.FindResting(10));
        Assert.Null(book.Engine.BestBid);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Ioc_with_nothing_to_match_is_cancelled_as_ioc_remainder(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 105, 3);

        EngineOrder ioc = book.Buy(10, "x", 101, 5, EngineTimeInForce.Ioc);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineOrderStatus.Cancelled, ioc.Status);
        Assert.Equal(EngineCancelReason.IocRemainder, ioc.CancelReason);
        Assert.Equal(0, ioc.Filled);
        Assert.Equal(1, book.Engine.RestingCount);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Ioc_fully_filled_is_filled(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 8);

        EngineOrder ioc = book.Sell(10, "x", 100, 5, EngineTimeInForce.Ioc);

        Assert.Equal(EngineOrderStatus.Filled, ioc.Status);
        Assert.Equal(EngineCancelReason.None, ioc.CancelReason);
        Assert.Equal(3, book.Engine.FindResting(1)!.Remaining);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Fok_fillable_across_levels_fills_completely(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 3);
        book.Sell(2, "b", 101, 3);
        book.Sell(3, "c", 102, 3);

        EngineOrder fok = book.Buy(10, "x", 101, 6, EngineTimeInForce.Fok);

        Assert.Equal([(1L, 10L, 100L, 3L), (2, 10, 101, 3)], book.Trades());
        Assert.Equal(EngineOrderStatus.Filled, fok.Status);
        Assert.Equal(102, book.Engine.BestAsk);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Fok_not_fillable_within_limit_trades_nothing(bool dense)
    {
        var book = new TestBook(dense);
        EngineOrder a = book.Sell(1, "a", 100, 3);
        book.Sell(2, "b", 101, 3);
        book.Sell(3, "c", 102, 3);
        var before = book.Book();

        EngineOrder fok = book.Buy(10, "x", 101, 7, EngineTimeInForce.Fok);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineOrderStatus.Cancelled, fok.Status);
        Assert.Equal(EngineCancelReason.FokUnfilled, fok.CancelReason);
        Assert.Equal(0, fok.Filled);
        Assert.Equal(0, fok.Notional);
        Assert.Equal(before, book.Book());
        Assert.Equal(EngineOrderStatus.Open, a.Status);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Fok_larger_than_whole_book_trades_nothing(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 3);

        EngineOrder fok = book.Sell(10, "x", 1, 4, EngineTimeInForce.Fok);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineCancelReason.FokUnfilled, fok.CancelReason);
        Assert.Equal(3, book.Engine.FindResting(1)!.Remaining);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Fok_blocked_by_own_order_trades_nothing_even_if_quantity_exists_behind_it(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 3);
        book.Sell(2, "x", 100, 3); // own order
        book.Sell(3, "b", 100, 10);

        EngineOrder fok = book.Buy(10, "x", 100, 5, EngineTimeInForce.Fok);

        Assert.Empty(book.LastFills);
        Assert.Equal(EngineOrderStatus.Cancelled, fok.Status);
        Assert.Equal(EngineCancelReason.FokUnfilled, fok.CancelReason);
        Assert.Equal([(1L, 3L), (2, 3), (3, 10)], book.Book());
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Fok_fillable_before_own_order_fills(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 3);
        book.Sell(2, "b", 101, 3);
        book.Sell(3, "x", 101, 3); // own order, after enough liquidity

        EngineOrder fok = book.Buy(10, "x", 101, 6, EngineTimeInForce.Fok);

        Assert.Equal(EngineOrderStatus.Filled, fok.Status);
        Assert.Equal([(1L, 10L, 100L, 3L), (2, 10, 101, 3)], book.Trades());
        Assert.Equal([(3L, 3L)], book.Book());
    }
}
