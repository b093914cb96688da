using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Tests.Trading;

public sealed class MarketTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly MarketSpec _spec = MarketCatalog.Create([], out _).Markets[0];

    private static PlaceCommand Place(Market m, string user, OrderSide side, long price, long qty, TimeInForce tif = TimeInForce.Gtc, string? coid = null,
        OrderType type = OrderType.Limit, DateTimeOffset? at = null) =>
        new(m.Sequence + 1, (at ?? T0).ToUnixTimeMilliseconds(), m.NextOrderNumber, user, coid, side, type, tif, price, qty);

    [Fact]
    public void A_crossing_order_trades_at_the_makers_price_and_reports_its_arrival_fills()
    {
        var m = new Market(_spec);
        var maker = m.Place(Place(m, "alice", OrderSide.Sell, 1250, 10_000));
        var taker = m.Place(Place(m, "bob", OrderSide.Buy, 1300, 4_000));

        var trade = Assert.Single(m.ArrivalTrades(taker));
        Assert.Equal(0.1250m, trade.Price);
        Assert.Equal(4.000m, trade.Quantity);
        Assert.Equal("ENERGY-USD.T1", trade.TradeId);
        Assert.Equal(("ENERGY-USD.2", "ENERGY-USD.1", "bob", "alice"), (trade.BuyOrderId, trade.SellOrderId, trade.BuyerId, trade.SellerId));
        Assert.Equal(OrderSide.Sell, trade.MakerSide);
        Assert.Empty(m.ArrivalTrades(maker));

        var makerView = m.ToOrder(maker);
        Assert.Equal(OrderStatus.PartiallyFilled, makerView.Status);
        Assert.Equal(6.000m, makerView.RemainingQuantity);
        Assert.Equal(0.1250m, makerView.AveragePrice);
        Assert.Equal(OrderStatus.Filled, m.ToOrder(taker).Status);
        Assert.Equal(2, m.Sequence);
    }

    [Fact]
    public void Checkpoint_restore_reproduces_every_observable_and_continues_identically()
    {
        var original = new Market(_spec);
        var random = new Random(7);
        var users = new[] { "a", "b", "c" };
        var history = new List<MarketHistorySegment>();
        var resting = new Dictionary<long, OrderRecord>();
        int largestChange = 0;
        void Checkpoint()
        {
            var checkpoint = original.TakeCheckpoint();
            history.Add(checkpoint.History);
            foreach (var changed in checkpoint.RestingChanged) resting[changed.Number] = changed;
            foreach (var ended in checkpoint.RestingEnded) resting.Remove(ended);
            largestChange = Math.Max(largestChange, checkpoint.RestingChanged.Count + checkpoint.RestingEnded.Count);
        }

        for (var i = 0; i < 400; i++)
        {
            if (i % 97 == 96) Checkpoint();

            if (i % 7 == 3 && original.UserOrders(users[i % 3], openOnly: true, 1000) is { Count: > 0 } open)
            {
                OrderIds.TryParseOrder(open[0].OrderId, out _, out var number);
                original.Cancel(new CancelCommand(original.Sequence + 1, T0.ToUnixTimeMilliseconds() + i, number));
                continue;
            }

            original.Place(Place(original, users[random.Next(3)], random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell,
                random.Next(990, 1010), random.Next(1, 50) * 100, (TimeInForce)random.Next(3), coid: $"c{i}", at: T0.AddMilliseconds(i)));
        }

        original.Place(Place(original, "a", OrderSide.Buy, 990, 100, at: T0.AddSeconds(1)));
        var final = original.TakeCheckpoint();
        history.Add(final.History);
        foreach (var changed in final.RestingChanged) resting[changed.Number] = changed;
        foreach (var ended in final.RestingEnded) resting.Remove(ended);

        Assert.Equal(5, history.Count);
        Assert.Contains(final.RestingChanged, o => o.Number == original.NextOrderNumber - 1);
        Assert.Equal(T0.AddSeconds(1).ToUnixTimeMilliseconds(), final.State.LastTimestampMs);
        Assert.True(largestChange < 150, "a checkpoint carries what changed, not the whole book");
        var restored = Market.Restore(_spec, history, resting.Values, final.State);

        AssertSame(original, restored, users);
        Assert.Equal(original.LastTimestampMs, restored.LastTimestampMs);
        for (var i = 0; i < 50; i++)
        {
            var side = i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell;
            var a = original.Place(Place(original, users[i % 3], side, 995 + (i % 11), 1500, at: T0.AddSeconds(1)));
            var b = restored.Place(Place(restored, users[i % 3], side, 995 + (i % 11), 1500, at: T0.AddSeconds(1)));
            Assert.Equal(original.ArrivalTrades(a), restored.ArrivalTrades(b));
        }

        AssertSame(original, restored, users);
        Assert.Equal(original.FindByClientOrderId("a", "c5")?.Number, restored.FindByClientOrderId("a", "c5")?.Number);
    }

    [Fact]
    public void A_checkpoint_with_missing_history_is_refused()
    {
        var m = new Market(_spec);
        m.Place(Place(m, "a", OrderSide.Buy, 1000, 1000));
        var first = m.TakeCheckpoint();
        m.Place(Place(m, "b", OrderSide.Sell, 1000, 1000));
        var second = m.TakeCheckpoint();

        Assert.Throws<InvalidOperationException>(() => Market.Restore(_spec, [second.History], [], second.State));
        Assert.Throws<InvalidOperationException>(() => Market.Restore(_spec, [first.History, second.History], first.RestingChanged, second.State));
        Assert.Equal([1L], second.RestingEnded);
        Assert.Single(Market.Restore(_spec, [first.History, second.History], [], second.State).RecentTrades(10));
    }

    [Fact]
    public void Ticker_covers_the_last_24_hours_and_measures_change_from_the_price_before_the_window()
    {
        var m = Traded((1000, 0), (1200, 2), (1100, 3));

        var ticker = m.Ticker(T0.AddHours(25));

        Assert.Equal(0.1100m, ticker.LastPrice);
        Assert.Equal(2.000m, ticker.Volume24h);
        Assert.Equal(0.1200m, ticker.High24h);
        Assert.Equal(0.1100m, ticker.Low24h);
        Assert.Equal(10.00m, ticker.ChangePercent24h);
    }

    [Fact]
    public void The_24_hour_change_follows_the_window_as_it_slides()
    {
        var m = new Market(_spec);
        Trade(m, 1000, T0);
        Trade(m, 1200, T0.AddHours(2));
        Assert.Equal(20.00m, m.ChangePercent24h(T0.AddHours(3)));     // everything in the window: from the first trade

        Trade(m, 1100, T0.AddHours(25));
        Assert.Equal(10.00m, m.ChangePercent24h(T0.AddHours(26)));    // 1000 left the window: it is the reference
        Assert.Equal(-8.33m, m.ChangePercent24h(T0.AddHours(27)));    // 1200 left too
        Assert.Equal(1.000m, m.Ticker(T0.AddHours(27)).Volume24h);
        Assert.Null(new Market(_spec).ChangePercent24h(T0));
    }

    [Fact]
    public void A_restored_market_rebuilds_its_24_hours_from_the_trades_it_holds()
    {
        var m = Traded((1000, 0), (1200, 2), (1100, 25));
        var checkpoint = m.TakeCheckpoint();
        var restored = Market.Restore(_spec, [checkpoint.History], checkpoint.RestingChanged, checkpoint.State);

        foreach (var hours in new[] { 25, 26, 27 })
            Assert.Equal(m.Ticker(T0.AddHours(hours)), restored.Ticker(T0.AddHours(hours)));
        Assert.Equal(new Ticker(_spec.Symbol, 0.1100m, null, null, 1.000m, 0.1100m, 0.1100m, -8.33m), restored.Ticker(T0.AddHours(27)));
        Assert.Equal(m.Ticker(T0.AddHours(50)), restored.Ticker(T0.AddHours(50)));
    }

    [Fact]
    public void Commands_out_of_sequence_are_refused()
    {
        var m = new Market(_spec);
        m.Place(Place(m, "a", OrderSide.Buy, 1000, 1000));

        Assert.Throws<InvalidOperationException>(() => m.Place(Place(m, "a", OrderSide.Buy, 1000, 1000) with { Sequence = 5 }));
        Assert.Throws<InvalidOperationException>(() => m.Cancel(new CancelCommand(2, 0, 42)));
        Assert.Equal(1, m.Sequence);
    }

    /// <summary>Two crossing orders of opposite users: one trade of 1 kWh at <paramref name="price"/> ticks.</summary>
    private Market Traded(params (long Price, int Hours)[] trades)
    {
        var m = new Market(_spec);
        foreach (var (price, hours) in trades) Trade(m, price, T0.AddHours(hours));
        return m;
    }

    private static void Trade(Market m, long price, DateTimeOffset at)
    {
        m.Place(Place(m, "s", OrderSide.Sell, price, 1_000, at: at));
        m.Place(Place(m, "b", OrderSide.Buy, price, 1_000, at: at));
    }

    private static void AssertSame(Market expected, Market actual, string[] users)
    {
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.NextOrderNumber, actual.NextOrderNumber);
        Assert.Equal(expected.Book(500, T0) with { Bids = [], Asks = [] }, actual.Book(500, T0) with { Bids = [], Asks = [] });
        Assert.Equal(expected.Book(500, T0).Bids, actual.Book(500, T0).Bids);
        Assert.Equal(expected.Book(500, T0).Asks, actual.Book(500, T0).Asks);
        Assert.Equal(expected.RecentTrades(1000), actual.RecentTrades(1000));
        Assert.Equal(expected.Ticker(T0), actual.Ticker(T0));
        foreach (var user in users)
        {
            Assert.Equal(expected.UserOrders(user, false, 1000), actual.UserOrders(user, false, 1000));
            Assert.Equal(expected.UserTrades(user, 1000), actual.UserTrades(user, 1000));
        }
    }
}
