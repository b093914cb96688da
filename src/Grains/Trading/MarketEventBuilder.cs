using System.Globalization;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Derives the channel events of one applied command from the market right after it was applied: order updates
/// for every order it touched, trade and confirmation events for every fill, then the price; and the top of book
/// once per journal batch.
/// Ids are "{symbol}:{sequence}:{n}" and times are the command's, so replaying the journal derives exactly the same
/// events with the same ids.
/// </summary>
public static class MarketEventBuilder
{
    public const int BookDepth = 10;

    /// <param name="placedView">The placed order's view, when the caller already built it (for its response).</param>
    /// <param name="arrivalTrades">The order's arrival fills, likewise.</param>
    public static List<ChannelEvent> ForPlace(Market market, TrackedOrder placed, Order? placedView = null, IReadOnlyList<Trade>? arrivalTrades = null)
    {
        var now = Now(market);
        var events = new List<ChannelEvent>();
        var trades = arrivalTrades ?? market.ArrivalTrades(placed);
        var n = 0;
        var touched = new List<Order> { placedView ?? market.ToOrder(placed) };
        foreach (var trade in trades)
        {
            OrderIds.TryParseOrder(placed.Engine.Side == Matching.Side.Buy ? trade.SellOrderId : trade.BuyOrderId, out _, out var maker);
            touched.Add(market.ToOrder(market.Find(maker)!));
        }

        foreach (var order in touched) Add(events, market, ref n, ChannelNames.Orders(order.UserId), EventTypes.OrderUpdate, new OrderPayload(order), now);
        foreach (var trade in trades)
        {
            Add(events, market, ref n, ChannelNames.Market(market.Spec.Symbol), EventTypes.TradeExecuted, new TradePayload(trade), now);
            Add(events, market, ref n, ChannelNames.Trades(trade.BuyerId), EventTypes.TradeConfirmation, new TradeConfirmationPayload(trade, "buyer"), now);
            Add(events, market, ref n, ChannelNames.Trades(trade.SellerId), EventTypes.TradeConfirmation, new TradeConfirmationPayload(trade, "seller"), now);
        }

        if (trades.Count > 0)
        {
            Add(events, market, ref n, ChannelNames.Market(market.Spec.Symbol), EventTypes.PriceUpdate,
                new PricePayload(market.Spec.Symbol, trades[^1].Price, market.ChangePercent24h(now)), now);
        }

        return events;
    }

    public static List<ChannelEvent> ForCancel(Market market, TrackedOrder cancelled)
    {
        var now = Now(market);
        var events = new List<ChannelEvent>();
        var n = 0;
        var order = market.ToOrder(cancelled);
        Add(events, market, ref n, ChannelNames.Orders(order.UserId), EventTypes.OrderUpdate, new OrderPayload(order), now);
        return events;
    }

    /// <summary>
    /// The top of book after a journal batch: one update per batch, not per command (bursts coalesce; the sequence
    /// still lets a client see the jump). Its id ends in "book", apart from the per-command events of the same sequence.
    /// </summary>
    public static ChannelEvent BookAfterBatch(Market market)
    {
        var now = Now(market);
        var book = market.Book(BookDepth, now);
        return new ChannelEvent(string.Create(CultureInfo.InvariantCulture, $"{market.Spec.Symbol}:{market.Sequence}:book"),
            ChannelNames.Market(market.Spec.Symbol), EventTypes.OrderBookUpdate, market.Sequence, now,
            new BookUpdatePayload(book.Symbol, book.Sequence, book.BestBid, book.BestAsk, book.Bids, book.Asks));
    }

    // The command's own clock reading, not the wall clock: a replay derives identical events.
    private static DateTimeOffset Now(Market market) => DateTimeOffset.FromUnixTimeMilliseconds(market.LastTimestampMs);

    private static void Add(List<ChannelEvent> events, Market market, ref int n, string channel, string type, EventPayload data, DateTimeOffset now) =>
        events.Add(new ChannelEvent(
            string.Create(CultureInfo.InvariantCulture, $"{market.Spec.Symbol}:{market.Sequence}:{n++}"), channel, type, market.Sequence, now, data));
}
