using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

public class DepthTests
{
    [Theory, InlineData(true), InlineData(false)]
    public void Depth_aggregates_levels_best_first(bool dense)
    {
        var book = new TestBook(dense);
        book.Buy(1, "a", 100, 5);
        book.Buy(2, "b", 98, 1);
        book.Buy(3, "c", 100, 2);
        book.Buy(4, "d", 99, 4);
        book.Sell(5, "a", 103, 7);
        book.Sell(6, "b", 101, 1);
        book.Sell(7, "c", 101, 1);
        book.Sell(8, "d", 101, 1);

        Assert.Equal(
            [new PriceLevelView(100, 7, 2), new PriceLevelView(99, 4, 1), new PriceLevelView(98, 1, 1)],
            book.Depth(Side.Buy));
        Assert.Equal([new PriceLevelView(101, 3, 3), new PriceLevelView(103, 7, 1)], book.Depth(Side.Sell));
        Assert.Equal([new PriceLevelView(100, 7, 2), new PriceLevelView(99, 4, 1)], book.Depth(Side.Buy, 2));
        Assert.Empty(book.Depth(Side.Buy, 0));
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Depth_reflects_partial_fills(bool dense)
    {
        var book = new TestBook(dense);
        book.Sell(1, "a", 101, 5);
        book.Sell(2, "b", 101, 5);

        book.Buy(3, "c", 101, 7);

        Assert.Equal([new PriceLevelView(101, 3, 1)], book.Depth(Side.Sell));
        Assert.Empty(book.Depth(Side.Buy));
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Best_prices_move_when_levels_empty(bool dense)
    {
        var book = new TestBook(dense);
        Assert.Null(book.Engine.BestBid);
        Assert.Null(book.Engine.BestAsk);
        book.Buy(1, "a", 100, 1);
        book.Buy(2, "a", 95, 1);
        book.Buy(3, "a", 90, 1);
        book.Sell(4, "b", 110, 1);
        book.Sell(5, "b", 120, 1);
        Assert.Equal((100L, 110L), (book.Engine.BestBid!.Value, book.Engine.BestAsk!.Value));

        book.Engine.TryCancel(1, out _);
        Assert.Equal(95, book.Engine.BestBid);

        book.Sell(6, "c", 95, 1); // consumes the best bid level
        Assert.Equal(90, book.Engine.BestBid);

        book.Engine.TryCancel(2, out _); // already gone: no effect
        book.Engine.TryCancel(5, out _); // non-best level
        Assert.Equal(110, book.Engine.BestAsk);

        book.MarketBuy(7, "c", 1);
        Assert.Null(book.Engine.BestAsk);
        book.Engine.TryCancel(3, out _);
        Assert.Null(book.Engine.BestBid);
        Assert.Equal(0, book.Engine.LevelCount(Side.Buy));
        Assert.Equal(0, book.Engine.LevelCount(Side.Sell));

        book.Buy(8, "a", 97, 1); // reused level slot after emptying
        Assert.Equal(97, book.Engine.BestBid);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Levels_far_apart_across_a_wide_range_are_found(bool dense)
    {
        var book = new TestBook(dense, minPrice: 1, maxPrice: 1_000_000);
        long[] bids = [1, 64, 65, 4_095, 4_096, 262_143, 262_144, 499_999];
        long[] asks = [500_001, 700_000, 999_936, 999_999, 1_000_000];
        long id = 0;
        foreach (long p in bids)
        {
            book.Buy(++id, "a", p, 1);
        }

        foreach (long p in asks)
        {
            book.Sell(++id, "b", p, 1);
        }

        Assert.Equal([.. bids.Reverse()], book.Depth(Side.Buy).Select(l => l.Price));
        Assert.Equal(asks, book.Depth(Side.Sell).Select(l => l.Price));

        foreach (long p in bids.Reverse())
        {
            Assert.Equal(p, book.Engine.BestBid);
            book.MarketSell(++id, "c", 1);
        }

        foreach (long p in asks)
        {
            Assert.Equal(p, book.Engine.BestAsk);
            book.MarketBuy(++id, "c", 1);
        }

        Assert.Null(book.Engine.BestBid);
        Assert.Null(book.Engine.BestAsk);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void Negative_prices_are_supported(bool dense)
    {
        var book = new TestBook(dense, minPrice: -500, maxPrice: 500);
        book.Sell(1, "a", -20, 3);
        book.Sell(2, "a", -10, 3);

        EngineOrder buy = book.Buy(3, "b", -10, 4);

        Assert.Equal([(1L, 3L, -20L, 3L), (2, 3, -10, 1)], book.Trades());
        Assert.Equal(-70, buy.Notional);
        Assert.Equal(-10, book.Engine.BestAsk);
    }
}
