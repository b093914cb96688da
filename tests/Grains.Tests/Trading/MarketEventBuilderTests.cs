using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Tests.Trading;

public sealed class MarketEventBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly MarketSpec _spec = MarketCatalog.Create([], out _).Markets[0];

    private static PlaceCommand Place(Market m, string user, OrderSide side, long price, long qty, int atMs = 0) =>
        new(m.Sequence + 1, T0.ToUnixTimeMilliseconds() + atMs, m.NextOrderNumber, user, null, side, OrderType.Limit, TimeInForce.Gtc, price, qty);

    [Fact]
    public void A_trade_updates_both_orders_confirms_both_sides_and_then_moves_price_and_book()
    {
        var m = new Market(_spec);
        m.Place(Place(m, "alice", OrderSide.Sell, 1250, 10_000));
        var taker = m.Place(Place(m, "bob", OrderSide.Buy, 1300, 4_000, atMs: 5));

        var events = MarketEventBuilder.ForPlace(m, taker);
        events.Add(MarketEventBuilder.BookAfterBatch(m));

        Assert.Equal(
            [("orders:bob", EventTypes.OrderUpdate), ("orders:alice", EventTypes.OrderUpdate), ("market:ENERGY-USD", EventTypes.TradeExecuted),
             ("trades:bob", EventTypes.TradeConfirmation), ("trades:alice", EventTypes.TradeConfirmation),
             ("market:ENERGY-USD", EventTypes.PriceUpdate), ("market:ENERGY-USD", EventTypes.OrderBookUpdate)],
            events.Select(e => (e.Channel, e.Type)));
        Assert.Equal([.. Enumerable.Range(0, 6).Select(i => $"ENERGY-USD:2:{i}"), "ENERGY-USD:2:book"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal((2L, T0.AddMilliseconds(5)), (e.Sequence, e.Timestamp)));
        Assert.Equal(OrderStatus.PartiallyFilled, ((OrderPayload)events[1].Data).Order.Status);
        Assert.Equal(["buyer", "seller"], events.Skip(3).Take(2).Select(e => ((TradeConfirmationPayload)e.Data).Role));
        var book = (BookUpdatePayload)events[^1].Data;
        Assert.Equal((2L, 0.1250m, 6.000m), (book.Sequence, book.BestAsk!.Value, book.Asks[0].Quantity));
    }

    [Fact]
    public void A_resting_order_or_a_cancel_updates_the_owner_and_the_book_only()
    {
        var m = new Market(_spec);
        var resting = m.Place(Place(m, "alice", OrderSide.Buy, 1000, 1000));
        var placed = MarketEventBuilder.ForPlace(m, resting);
        var cancelled = MarketEventBuilder.ForCancel(m, m.Cancel(new CancelCommand(2, T0.ToUnixTimeMilliseconds() + 1, resting.Number)));
        var book = MarketEventBuilder.BookAfterBatch(m);

        Assert.Equal([EventTypes.OrderUpdate], placed.Select(e => e.Type));
        Assert.Equal([EventTypes.OrderUpdate], cancelled.Select(e => e.Type));
        Assert.Equal(OrderStatus.Cancelled, ((OrderPayload)cancelled[0].Data).Order.Status);
        Assert.Equal((2L, "ENERGY-USD:2:book"), (book.Sequence, book.Id));
        Assert.Empty(((BookUpdatePayload)book.Data).Bids);
    }

    [Fact]
    public void Replaying_the_same_commands_derives_identical_events()
    {
        List<ChannelEvent> Run()
        {
            var m = new Market(_spec);
            var all = new List<ChannelEvent>();
            var random = new Random(3);
            for (var i = 0; i < 200; i++)
            {
                var placed = m.Place(Place(m, $"u{random.Next(4)}", random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, random.Next(995, 1005),
                    random.Next(1, 20) * 100, atMs: i));
                all.AddRange(MarketEventBuilder.ForPlace(m, placed));
            }

            return all;
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first.Count, first.Select(e => e.Id).Distinct().Count());
        Assert.Equal(first.Select(e => (e.Id, e.Channel, e.Type, e.Timestamp)), second.Select(e => (e.Id, e.Channel, e.Type, e.Timestamp)));
        Assert.Equal(first.Select(e => e.Data.ToString()), second.Select(e => e.Data.ToString()));
    }

    [Theory]
    [InlineData("market:ENERGY-USD", true, ChannelKind.Market, "ENERGY-USD")]
    [InlineData("orders:alice", true, ChannelKind.Orders, "alice")]
    [InlineData("trades:bob", true, ChannelKind.Trades, "bob")]
    [InlineData("user:carol", true, ChannelKind.User, "carol")]
    [InlineData("system:alerts", true, ChannelKind.SystemAlerts, "")]
    [InlineData("system:other", false, ChannelKind.Market, "")]
    [InlineData("orders:", false, ChannelKind.Market, "")]
    [InlineData(":alice", false, ChannelKind.Market, "")]
    [InlineData("nonsense", false, ChannelKind.Market, "")]
    public void Channel_names_parse_into_kind_and_key(string channel, bool ok, ChannelKind kind, string key)
    {
        Assert.Equal(ok, ChannelNames.TryParse(channel, out var k, out var rest));
        Assert.Equal((kind, key), (k, rest));
    }
}
