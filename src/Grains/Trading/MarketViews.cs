using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// A market's orders, trades and book as the contract types the grain returns (decimal prices and quantities,
/// string ids, times), newest first where a list is asked for. Reads only; the market itself stays in ticks and lots.
/// </summary>
public static class MarketViews
{
    public static Order ToOrder(this Market market, TrackedOrder o)
    {
        var spec = market.Spec;
        var e = o.Engine;
        return new Order(
            OrderIds.Order(spec.Symbol, e.Id), o.ClientOrderId, e.UserId, spec.Symbol, e.Side.ToContract(), e.Kind.ToContract(),
            e.Tif.ToContract(), e.Kind == OrderKind.Limit ? spec.ToPrice(e.Price) : null, spec.ToQuantity(e.Quantity),
            spec.ToQuantity(e.Filled), spec.ToQuantity(e.Remaining), spec.AveragePrice(e.Notional, e.Filled),
            e.Status.ToContract(), e.CancelReason.ToContract(), FromMs(o.CreatedAtMs), FromMs(o.UpdatedAtMs));
    }

    public static Trade ToTrade(this Market market, TradeRecord t)
    {
        var spec = market.Spec;
        return new Trade(
            OrderIds.Trade(spec.Symbol, t.Number), spec.Symbol, spec.ToPrice(t.PriceTicks), spec.ToQuantity(t.QuantityLots),
            OrderIds.Order(spec.Symbol, t.BuyOrderNumber), OrderIds.Order(spec.Symbol, t.SellOrderNumber), t.BuyerId, t.SellerId,
            t.MakerSide, FromMs(t.TimestampMs));
    }

    /// <summary>A trade with what settling it needs from its two orders.</summary>
    public static SettleableTrade ToSettleable(this Market market, TradeRecord t)
    {
        var spec = market.Spec;
        var buy = market.Find(t.BuyOrderNumber)!;
        var sell = market.Find(t.SellOrderNumber)!;
        return new SettleableTrade(t.Number, OrderIds.Trade(spec.Symbol, t.Number), spec.Symbol, spec.ToPrice(t.PriceTicks),
            spec.ToQuantity(t.QuantityLots), OrderIds.Order(spec.Symbol, t.BuyOrderNumber), OrderIds.Order(spec.Symbol, t.SellOrderNumber),
            t.BuyerId, t.SellerId, spec.ToPrice(buy.Engine.Price), buy.FeeRate, sell.FeeRate, FromMs(t.TimestampMs));
    }

    /// <summary>
    /// The fills the order made on arrival, in execution order; only those still retained: an order that rested longer
    /// than the history retention keeps its place in memory, but its arrival fills may have been trimmed.
    /// </summary>
    public static IReadOnlyList<Trade> ArrivalTrades(this Market market, TrackedOrder o)
    {
        var trades = market.Trades;
        var first = Math.Max(o.ArrivalTradeIndex - market.TradesBefore, 0);
        var end = Math.Max(o.ArrivalTradeIndex + o.ArrivalTradeCount - market.TradesBefore, 0);
        var result = new Trade[end - first];
        for (var i = 0; i < result.Length; i++) result[i] = market.ToTrade(trades[first + i]);
        return result;
    }

    public static IReadOnlyList<Order> UserOrders(this Market market, string userId, bool openOnly, int limit) =>
        market.UserOrders(userId, openOnly, before: null, limit);

    /// <summary>
    /// The user's orders after <paramref name="before"/> in list order, newest first. A market's orders are held in
    /// number order and their times never run backwards (the grain's clock is monotonic per journal), so the orders
    /// after a position are a prefix of that list and the cut is a binary search, not a scan.
    /// </summary>
    public static IReadOnlyList<Order> UserOrders(this Market market, string userId, bool openOnly, ListPosition? before, int limit)
    {
        var result = new List<Order>();
        var orders = market.OrdersOf(userId);
        var symbol = market.Spec.Symbol;
        var end = before is null ? orders.Count : CountWhile(orders, o => before.IsFollowedBy(FromMs(o.CreatedAtMs), symbol, o.Number));
        for (var i = end - 1; i >= 0 && result.Count < limit; i--)
        {
            if (openOnly && orders[i].IsFinal) continue;
            result.Add(market.ToOrder(orders[i]));
        }

        return result;
    }

    public static IReadOnlyList<Trade> UserTrades(this Market market, string userId, int limit) => market.UserTrades(userId, before: null, limit);

    /// <summary>The user's fills after <paramref name="before"/> in list order, newest first (trade numbers and times only grow).</summary>
    public static IReadOnlyList<Trade> UserTrades(this Market market, string userId, ListPosition? before, int limit)
    {
        var trades = market.TradesOf(userId);
        var symbol = market.Spec.Symbol;
        var end = before is null ? trades.Count : CountWhile(trades, t => before.IsFollowedBy(FromMs(t.TimestampMs), symbol, t.Number));
        return NewestFirst(market, trades, end, limit);
    }

    public static IReadOnlyList<Trade> RecentTrades(this Market market, int limit) => market.RecentTrades(beforeNumber: null, limit);

    /// <summary>The market's trades numbered below <paramref name="beforeNumber"/>, newest first.</summary>
    public static IReadOnlyList<Trade> RecentTrades(this Market market, long? beforeNumber, int limit)
    {
        var trades = market.Trades;
        var end = beforeNumber is { } n ? CountWhile(trades, t => t.Number < n) : trades.Count;
        return NewestFirst(market, trades, end, limit);
    }

    public static OrderBookView Book(this Market market, int depth, DateTimeOffset now)
    {
        var spec = market.Spec;
        return new OrderBookView(spec.Symbol, market.Sequence, Levels(market, Side.Buy, depth), Levels(market, Side.Sell, depth),
            market.BestBidTicks is { } bid ? spec.ToPrice(bid) : null, market.BestAskTicks is { } ask ? spec.ToPrice(ask) : null, now);
    }

    private static List<BookLevel> Levels(Market market, Side side, int depth)
    {
        var views = new List<PriceLevelView>(Math.Min(depth, 64));
        market.GetDepth(side, depth, views);
        return views.ConvertAll(v => new BookLevel(market.Spec.ToPrice(v.Price), market.Spec.ToQuantity(v.Quantity), v.OrderCount));
    }

    private static List<Trade> NewestFirst(Market market, IReadOnlyList<TradeRecord> trades, int end, int limit)
    {
        var result = new List<Trade>(Math.Min(limit, end));
        for (var i = end - 1; i >= 0 && result.Count < limit; i--) result.Add(market.ToTrade(trades[i]));
        return result;
    }

    /// <summary>How many leading items satisfy <paramref name="predicate"/>, which holds for a prefix of the list and then never again.</summary>
    private static int CountWhile<T>(IReadOnlyList<T> items, Func<T, bool> predicate)
    {
        int low = 0, high = items.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (predicate(items[middle])) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
