using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class CancelTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Cancel_resting_order_removes_it(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 5);
        EngineOrder target = book.Buy(2, "b", 100, 5);
        book.Buy(3, "c", 100, 5);

        Assert.True(book.Engine.TryCancel(2, out EngineOrder? cancelled));

        Assert.Same(target, cancelled);
        Assert.Equal(EngineOrderStatus.Cancelled, target.Status);
        Assert.Equal(EngineCancelReason.UserRequested, target.CancelReason);
        Assert.False(target.IsResting);
        Assert.Null(book.Engine.FindResting(2));
        Assert.Equal([(1L, 5L), (3, 5)], book.Book());
        Assert.Equal([new PriceLevelView(100, 10, 2)], book.Depth(Side.Buy));
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Cancel_partially_filled_order_keeps_its_fills(bool dense)
    {
        var book = new TestBook(dense);
        EngineOrder maker = book.Sell(1, "a", 100, 5);
        book.Buy(2, "b", 100, 2);

        Assert.True(book.Engine.TryCancel(1, out _));

        Assert.Equal(EngineOrderStatus.Cancelled, maker.Status);
        Assert.Equal(2, maker.Filled);
        Assert.Equal(200, maker.Notional);
        Assert.Null(book.Engine.BestAsk);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Cancel_filled_order_fails_without_change(bool dense)
    {
        var book = new TestBook(dense);
        EngineOrder maker = book.Sell(1, "a", 100, 5);
        book.Buy(2, "b", 100, 5);

        Assert.False(book.Engine.TryCancel(1, out EngineOrder? order));

        Assert.Null(order);
        Assert.Equal(EngineOrderStatus.Filled, maker.Status);
        Assert.Equal(EngineCancelReason.None, maker.CancelReason);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Cancel_unknown_id_fails(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 5);

        Assert.False(book.Engine.TryCancel(42, out EngineOrder? order));

        Assert.Null(order);
        Assert.Equal(1, book.Engine.RestingCount);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Cancel_twice_fails_the_second_time(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 5);

        Assert.True(book.Engine.TryCancel(1, out _));
        Assert.False(book.Engine.TryCancel(1, out EngineOrder? again));

        Assert.Null(again);
        Assert.Equal(0, book.Engine.RestingCount);
        Assert.Null(book.Engine.BestBid);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Cancel_ioc_remainder_fails(bool dense)
    {
        var book = new TestBook(dense);
        EngineOrder ioc = book.Buy(1, "a", 100, 5, EngineTimeInForce.Ioc);

        Assert.False(book.Engine.TryCancel(1, out _));
        Assert.Equal(EngineCancelReason.IocRemainder, ioc.CancelReason);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Cancelled_id_can_be_reused_by_a_new_order(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 5);
        book.Engine.TryCancel(1, out _);

        EngineOrder again = book.Buy(1, "a", 101, 3);

        Assert.Same(again, book.Engine.FindResting(1));
    }
}
