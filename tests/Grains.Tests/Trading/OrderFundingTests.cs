using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Tests.Trading;

public sealed class OrderFundingTests
{
    private readonly MarketSpec _spec = MarketCatalog.Create([], out _).Markets[0];

    private static PlaceCommand Place(Market m, string user, OrderSide side, long price, long qty, OrderType type = OrderType.Limit,
        TimeInForce tif = TimeInForce.Gtc) =>
        new(m.Sequence + 1, 0, m.NextOrderNumber, user, null, side, type, tif, price, qty, 0.01m);

    [Fact]
    public void A_limit_buy_reserves_price_times_quantity_plus_fee_and_a_sell_its_quantity()
    {
        Assert.Equal((Assets.Usd, 0.1250m * 4.000m * 1.01m), OrderFunding.Need(_spec, OrderSide.Buy, 1250, 4000, 0.01m));
        Assert.Equal((Assets.Kwh, 4.000m), OrderFunding.Need(_spec, OrderSide.Sell, 1250, 4000, 0.01m));
        Assert.Equal((Assets.Kwh, 4.000m), OrderFunding.Need(_spec, OrderSide.Sell, 0, 4000, 0.01m));
        Assert.Null(OrderFunding.Need(_spec, OrderSide.Buy, 0, 4000, 0.01m));
    }

    [Fact]
    public void A_market_buy_is_bounded_by_the_deepest_ask_its_quantity_reaches()
    {
        var m = new Market(_spec);
        Assert.Null(m.AskPriceReachedBy(1000));
        m.Place(Place(m, "alice", OrderSide.Sell, 1250, 1000));
        m.Place(Place(m, "alice", OrderSide.Sell, 1300, 1000));
        m.Place(Place(m, "alice", OrderSide.Sell, 1400, 1000));

        Assert.Equal(1250, m.AskPriceReachedBy(1000));
        Assert.Equal(1300, m.AskPriceReachedBy(1001));
        Assert.Equal(1400, m.AskPriceReachedBy(99_000));
    }

    [Fact]
    public void A_bounded_market_buy_stops_at_its_bound_and_its_rest_is_cancelled_for_no_liquidity()
    {
        var m = new Market(_spec);
        m.Place(Place(m, "alice", OrderSide.Sell, 1250, 1000));
        m.Place(Place(m, "alice", OrderSide.Sell, 1400, 1000));

        var buy = m.Place(Place(m, "bob", OrderSide.Buy, 1250, 2000, OrderType.Market, TimeInForce.Ioc));

        Assert.Equal(1000, buy.Engine.Filled);
        Assert.Equal(CancelReason.NoLiquidity, m.ToOrder(buy).CancelReason);
        Assert.Null(m.ToOrder(buy).Price);
        // What it reserved for the unfilled half is what it can no longer spend.
        Assert.Equal(0.1250m * 1.000m * 1.01m, OrderFunding.Unspent(_spec, buy));
    }

    [Fact]
    public void What_a_final_order_leaves_unspent_is_its_unfilled_part_at_its_limit()
    {
        var m = new Market(_spec);
        m.Place(Place(m, "alice", OrderSide.Sell, 1250, 1000));
        var buy = m.Place(Place(m, "bob", OrderSide.Buy, 1300, 3000, tif: TimeInForce.Ioc));
        var sell = m.Place(Place(m, "carol", OrderSide.Sell, 1500, 2000));

        Assert.Equal(0.1300m * 2.000m * 1.01m, OrderFunding.Unspent(_spec, buy));
        Assert.Equal(0m, OrderFunding.Unspent(_spec, sell));
        m.Cancel(new CancelCommand(m.Sequence + 1, 0, sell.Number));
        Assert.Equal(2.000m, OrderFunding.Unspent(_spec, sell));
    }

    [Fact]
    public void An_order_placed_before_accounts_existed_has_nothing_to_release()
    {
        var m = new Market(_spec);
        var old = m.Place(new PlaceCommand(1, 0, 1, "bob", null, OrderSide.Buy, OrderType.Limit, TimeInForce.Ioc, 1300, 3000));
        Assert.Equal(0m, OrderFunding.Unspent(_spec, old));
    }

    [Fact]
    public void Order_numbers_may_skip_but_never_go_back()
    {
        var m = new Market(_spec);
        m.Place(new PlaceCommand(1, 0, 5, "bob", null, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 1300, 1000));
        Assert.Equal(6, m.NextOrderNumber);
        Assert.Throws<InvalidOperationException>(() =>
            m.Place(new PlaceCommand(2, 0, 5, "bob", null, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 1300, 1000)));
    }
}
