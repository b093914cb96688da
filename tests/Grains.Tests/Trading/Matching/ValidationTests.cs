using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class ValidationTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Duplicate_resting_id_throws_and_leaves_book_intact(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 100, 5);
        book.Buy(2, "b", 90, 5);

        Assert.Throws<ArgumentException>(() => book.Buy(1, "c", 100, 5));

        Assert.Equal([(2L, 5L), (1, 5)], book.Book());
        Assert.Equal(5, book.Engine.FindResting(1)!.Remaining);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(true, 1_001)]
    [InlineData(false, 0)]
    [InlineData(false, 1_001)]
    public void Price_out_of_range_throws(bool dense, long price)
    {
        var book = new TestBook(dense, minPrice: 1, maxPrice: 1_000);

        Assert.Throws<ArgumentException>(() => book.Buy(1, "a", price, 5));
        Assert.Equal(0, book.Engine.RestingCount);
    }

    [Fact]
    public void Non_positive_quantity_throws()
    {
        var book = new TestBook(dense: true);

        Assert.Throws<ArgumentException>(() => book.Buy(1, "a", 100, 0));
        Assert.Throws<ArgumentException>(() => book.MarketSell(2, "a", -1));
    }

    [Fact]
    public void Placing_the_same_instance_twice_throws()
    {
        var book = new TestBook(dense: true);
        EngineOrder order = book.Buy(1, "a", 100, 5, EngineTimeInForce.Ioc);

        Assert.Throws<ArgumentException>(() => book.Place(order));
    }

    [Fact]
    public void Notional_that_could_overflow_is_rejected_before_matching()
    {
        var engine = new MatchingEngine(new MatchingEngineOptions(1, 1L << 40));
        var fills = new List<Fill>();
        engine.Place(EngineOrder.Limit(1, "a", Side.Sell, 1L << 40, 5), fills);

        Assert.Throws<ArgumentException>(() => engine.Place(EngineOrder.Market(2, "b", Side.Buy, 1L << 30), fills));
        Assert.Empty(fills);
        Assert.Equal(5, engine.FindResting(1)!.Remaining);
    }

    [Fact]
    public void Invalid_options_throw()
    {
        Assert.Throws<ArgumentException>(() => new MatchingEngine(new MatchingEngineOptions(10, 9)));
    }

    [Theory]
    [InlineData(1, 1_000, true)]
    [InlineData(1, 1L << 20, true)]
    [InlineData(0, 1L << 20, false)]
    [InlineData(long.MinValue + 1, long.MaxValue, false)]
    public void Ladder_choice_follows_range(long min, long max, bool dense)
    {
        Assert.Equal(dense, new MatchingEngine(new MatchingEngineOptions(min, max)).UsesDenseLadder);
    }
}
