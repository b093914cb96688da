using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>Guards the oracle itself, so the property test cannot pass by having engine and model share a bug.</summary>
public class ModelSelfCheckTests
{
    [Fact]
    public void Model_applies_price_time_priority_maker_price_and_self_trade()
    {
        var model = new ReferenceBook();
        model.Place(new ModelOrder(1, "a", Side.Sell, OrderKind.Limit, EngineTimeInForce.Gtc, 101, 2));
        model.Place(new ModelOrder(2, "b", Side.Sell, OrderKind.Limit, EngineTimeInForce.Gtc, 100, 2));
        model.Place(new ModelOrder(3, "c", Side.Sell, OrderKind.Limit, EngineTimeInForce.Gtc, 100, 2));
        model.Place(new ModelOrder(4, "x", Side.Sell, OrderKind.Limit, EngineTimeInForce.Gtc, 101, 2));

        var taker = new ModelOrder(5, "x", Side.Buy, OrderKind.Limit, EngineTimeInForce.Gtc, 105, 10);
        var fills = model.Place(taker);

        Assert.Equal([(2L, 5L, 100L, 2L), (3, 5, 100, 2), (1, 5, 101, 2)], fills);
        Assert.Equal(EngineCancelReason.SelfTrade, taker.Reason);
        Assert.Equal([4L], model.Book().Select(o => o.Id));
    }

    [Fact]
    public void Model_fok_is_all_or_nothing()
    {
        var model = new ReferenceBook();
        model.Place(new ModelOrder(1, "a", Side.Buy, OrderKind.Limit, EngineTimeInForce.Gtc, 100, 2));

        var fok = new ModelOrder(2, "b", Side.Sell, OrderKind.Limit, EngineTimeInForce.Fok, 100, 3);
        Assert.Empty(model.Place(fok));
        Assert.Equal(EngineCancelReason.FokUnfilled, fok.Reason);
        Assert.Equal(2, model.Book().Single().Remaining);
    }
}
