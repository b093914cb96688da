using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>Engine plus fill buffer with terse placement helpers, over either ladder implementation.</summary>
internal sealed class TestBook
{
    private readonly List<Fill> _fills = [];

    public TestBook(bool dense, long minPrice = 1, long maxPrice = 1_000)
    {
        var options = new MatchingEngineOptions(minPrice, maxPrice) { MaxDenseLevels = dense ? 1L << 20 : 0 };
        Engine = new MatchingEngine(options);
        Assert.Equal(dense, Engine.UsesDenseLadder);
    }

    public MatchingEngine Engine { get; }

    /// <summary>Fills produced by the most recent placement.</summary>
    public List<Fill> LastFills { get; } = [];

    public EngineOrder Buy(long id, string user, long price, long qty, EngineTimeInForce tif = EngineTimeInForce.Gtc) =>
        Place(EngineOrder.Limit(id, user, Side.Buy, price, qty, tif));

    public EngineOrder Sell(long id, string user, long price, long qty, EngineTimeInForce tif = EngineTimeInForce.Gtc) =>
        Place(EngineOrder.Limit(id, user, Side.Sell, price, qty, tif));

    public EngineOrder MarketBuy(long id, string user, long qty) => Place(EngineOrder.Market(id, user, Side.Buy, qty));

    public EngineOrder MarketSell(long id, string user, long qty) => Place(EngineOrder.Market(id, user, Side.Sell, qty));

    public EngineOrder Place(EngineOrder order)
    {
        _fills.Clear();
        EngineOrder result = Engine.Place(order, _fills);
        LastFills.Clear();
        LastFills.AddRange(_fills);
        return result;
    }

    /// <summary>(maker, taker, price, qty) of the last placement, for compact assertions.</summary>
    public (long Maker, long Taker, long Price, long Qty)[] Trades() =>
        [.. LastFills.Select(f => (f.Maker.Id, f.Taker.Id, f.Price, f.Quantity))];

    public (long Id, long Remaining)[] Book() =>
        [.. Engine.RestingOrdersInPriorityOrder().Select(o => (o.Id, o.Remaining))];

    public PriceLevelView[] Depth(Side side, int levels = int.MaxValue)
    {
        var into = new List<PriceLevelView>();
        Engine.GetDepth(side, levels, into);
        return [.. into];
    }
}
