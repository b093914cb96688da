using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// One market's complete state: the matching engine, every order and trade, and the indexes the API reads.
/// Plain, single-threaded and deterministic: the grain applies commands in journal order, and replaying the same
/// commands into a fresh instance (or a restored snapshot) yields the same state.
/// </summary>
public sealed class Market
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private readonly MatchingEngine _engine;
    private readonly Dictionary<long, MarketOrder> _orders = [];
    private readonly Dictionary<string, List<MarketOrder>> _ordersByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string ClientOrderId), MarketOrder> _byClientOrderId = [];
    private readonly List<TradeRecord> _trades = [];
    private readonly Dictionary<string, List<TradeRecord>> _tradesByUser = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = [];
    private readonly List<MarketOrder> _finalSinceCheckpoint = [];
    private readonly HashSet<long> _restingTouched = [];
    private int _tradesAtCheckpoint;
    private int _dayWindowStart;
    private int _historySegments;

    public Market(MarketSpec spec)
    {
        Spec = spec;
        _engine = new MatchingEngine(new MatchingEngineOptions(spec.MinPriceTicks, spec.MaxPriceTicks));
    }

    public MarketSpec Spec { get; }

    /// <summary>Sequence of the last command applied.</summary>
    public long Sequence { get; private set; }

    public long NextOrderNumber { get; private set; } = 1;

    /// <summary>The clock reading carried by the last command applied.</summary>
    public long LastTimestampMs { get; private set; }

    public int OrderCount => _orders.Count;

    public void Apply(MarketCommand command)
    {
        switch (command)
        {
            case PlaceCommand place: Place(place); break;
            case CancelCommand cancel: Cancel(cancel); break;
            default: throw new InvalidOperationException($"Unknown command {command.GetType().Name}.");
        }
    }

    public MarketOrder Place(PlaceCommand c)
    {
        ExpectNext(c);
        if (c.OrderNumber != NextOrderNumber)
            throw new InvalidOperationException($"Order number {c.OrderNumber} out of order; expected {NextOrderNumber}.");

        var engineOrder = new EngineOrder(c.OrderNumber, c.UserId, c.Side.ToEngine(), c.Type.ToEngine(),
            c.Type == OrderType.Market ? Matching.TimeInForce.Ioc : c.TimeInForce.ToEngine(), c.PriceTicks, c.QuantityLots, c.TimestampMs);
        var order = new MarketOrder(engineOrder, c.ClientOrderId, c.TimestampMs, _trades.Count);

        _fills.Clear();
        _engine.Place(engineOrder, _fills);
        foreach (var fill in _fills)
        {
            var buy = fill.Taker.Side == Side.Buy ? fill.Taker : fill.Maker;
            var sell = fill.Taker.Side == Side.Buy ? fill.Maker : fill.Taker;
            var trade = new TradeRecord(_trades.Count + 1, fill.Price, fill.Quantity, buy.Id, sell.Id, buy.UserId, sell.UserId,
                fill.Maker.Side.ToContract(), c.TimestampMs);
            AddTrade(trade);
            var maker = _orders[fill.Maker.Id];
            maker.UpdatedAtMs = c.TimestampMs;
            _restingTouched.Add(maker.Number);
            if (maker.IsFinal) _finalSinceCheckpoint.Add(maker);
        }

        order.ArrivalTradeCount = _fills.Count;
        AddOrder(order);
        if (order.IsFinal) _finalSinceCheckpoint.Add(order);
        else _restingTouched.Add(order.Number);
        NextOrderNumber++;
        Sequence = c.Sequence;
        return order;
    }

    public MarketOrder Cancel(CancelCommand c)
    {
        ExpectNext(c);
        if (!_engine.TryCancel(c.OrderNumber, out _))
            throw new InvalidOperationException($"Order {c.OrderNumber} is not resting; a cancel must not have been journaled.");
        var order = _orders[c.OrderNumber];
        order.UpdatedAtMs = c.TimestampMs;
        _finalSinceCheckpoint.Add(order);
        _restingTouched.Add(order.Number);
        Sequence = c.Sequence;
        return order;
    }

    public MarketOrder? Find(long number) => _orders.GetValueOrDefault(number);

    public MarketOrder? FindByClientOrderId(string userId, string clientOrderId) =>
        _byClientOrderId.GetValueOrDefault((userId, clientOrderId));

    /// <summary>True when a repeated request asks for exactly what the original order asked for.</summary>
    public static bool IsSameRequest(MarketOrder original, PlaceOrderCommand request, long priceTicks, long quantityLots)
    {
        var e = original.Engine;
        return e.Side == request.Side.ToEngine()
            && e.Kind == request.Type.ToEngine()
            && (request.Type == OrderType.Market || e.Tif == request.TimeInForce.ToEngine())
            && e.Price == priceTicks
            && e.Quantity == quantityLots;
    }

    public Order ToOrder(MarketOrder o)
    {
        var e = o.Engine;
        return new Order(
            OrderIds.Order(Spec.Symbol, e.Id), o.ClientOrderId, e.UserId, Spec.Symbol, e.Side.ToContract(), e.Kind.ToContract(),
            e.Tif.ToContract(), e.Kind == OrderKind.Limit ? Spec.ToPrice(e.Price) : null, Spec.ToQuantity(e.Quantity),
            Spec.ToQuantity(e.Filled), Spec.ToQuantity(e.Remaining), Spec.AveragePrice(e.Notional, e.Filled),
            e.Status.ToContract(), e.CancelReason.ToContract(), FromMs(o.CreatedAtMs), FromMs(o.UpdatedAtMs));
    }

    public Trade ToTrade(TradeRecord t) => new(
        OrderIds.Trade(Spec.Symbol, t.Number), Spec.Symbol, Spec.ToPrice(t.PriceTicks), Spec.ToQuantity(t.QuantityLots),
        OrderIds.Order(Spec.Symbol, t.BuyOrderNumber), OrderIds.Order(Spec.Symbol, t.SellOrderNumber), t.BuyerId, t.SellerId,
        t.MakerSide, FromMs(t.TimestampMs));

    public IReadOnlyList<Trade> ArrivalTrades(MarketOrder o)
    {
        var result = new Trade[o.ArrivalTradeCount];
        for (var i = 0; i < result.Length; i++) result[i] = ToTrade(_trades[o.ArrivalTradeIndex + i]);
        return result;
    }

    public IReadOnlyList<Order> UserOrders(string userId, bool openOnly, int limit)
    {
        var result = new List<Order>();
        if (!_ordersByUser.TryGetValue(userId, out var orders)) return result;
        for (var i = orders.Count - 1; i >= 0 && result.Count < limit; i--)
        {
            if (openOnly && orders[i].IsFinal) continue;
            result.Add(ToOrder(orders[i]));
        }

        return result;
    }

    public IReadOnlyList<Trade> UserTrades(string userId, int limit) =>
        _tradesByUser.TryGetValue(userId, out var trades) ? NewestFirst(trades, limit) : [];

    public IReadOnlyList<Trade> RecentTrades(int limit) => NewestFirst(_trades, limit);

    public OrderBookView Book(int depth, DateTimeOffset now)
    {
        return new OrderBookView(Spec.Symbol, Sequence, Levels(Side.Buy, depth), Levels(Side.Sell, depth),
            _engine.BestBid is { } bid ? Spec.ToPrice(bid) : null, _engine.BestAsk is { } ask ? Spec.ToPrice(ask) : null, now);
    }

    /// <summary>Last price and 24-hour statistics as of <paramref name="now"/>.</summary>
    public Ticker Ticker(DateTimeOffset now)
    {
        var start = DayWindowStart(now);
        long volume = 0;
        long? high = null, low = null;
        for (var i = start; i < _trades.Count; i++)
        {
            var t = _trades[i];
            volume += t.QuantityLots;
            high = Math.Max(high ?? long.MinValue, t.PriceTicks);
            low = Math.Min(low ?? long.MaxValue, t.PriceTicks);
        }

        long? last = _trades.Count > 0 ? _trades[^1].PriceTicks : null;
        return new Ticker(Spec.Symbol, last is { } lp ? Spec.ToPrice(lp) : null,
            _engine.BestBid is { } bid ? Spec.ToPrice(bid) : null, _engine.BestAsk is { } ask ? Spec.ToPrice(ask) : null,
            Spec.ToQuantity(volume), high is { } h ? Spec.ToPrice(h) : null, low is { } lo ? Spec.ToPrice(lo) : null, ChangePercent24h(now));
    }

    /// <summary>
    /// Change of the last price against the last price before the 24-hour window opened (or the window's first
    /// trade), in percent with two decimals; O(1) amortised.
    /// </summary>
    public decimal? ChangePercent24h(DateTimeOffset now)
    {
        if (_trades.Count == 0) return null;
        var start = DayWindowStart(now);
        var reference = start > 0 ? _trades[start - 1].PriceTicks : _trades[0].PriceTicks;
        var last = _trades[^1].PriceTicks;
        return reference == 0 ? null : decimal.Round((decimal)(last - reference) * 100m / reference, 2, MidpointRounding.ToEven);
    }

    // Index of the first trade inside the 24 hours before now. Trades are in time order and the clocks that ask only
    // move forward (command timestamps never go back, and the API reads the wall clock, which is never behind them),
    // so the index only ever advances.
    private int DayWindowStart(DateTimeOffset now)
    {
        var from = (now - Day).ToUnixTimeMilliseconds();
        while (_dayWindowStart < _trades.Count && _trades[_dayWindowStart].TimestampMs < from) _dayWindowStart++;
        return _dayWindowStart;
    }

    /// <summary>
    /// Captures a checkpoint at the current sequence: the counters, the history segment of everything that became
    /// final since the previous checkpoint, and the resting orders that changed or ended since then.
    /// </summary>
    public MarketCheckpoint TakeCheckpoint()
    {
        var changed = new List<OrderRecord>();
        var ended = new List<long>();
        foreach (var number in _restingTouched)
        {
            var order = _orders[number];
            if (order.Engine.IsResting) changed.Add(Record(order));
            else ended.Add(number);
        }

        var segment = new MarketHistorySegment([.. _finalSinceCheckpoint.Select(Record)],
            _trades.GetRange(_tradesAtCheckpoint, _trades.Count - _tradesAtCheckpoint).ToArray());
        _restingTouched.Clear();
        _finalSinceCheckpoint.Clear();
        _tradesAtCheckpoint = _trades.Count;
        _historySegments++;
        var state = new MarketSnapshot(Spec.Symbol, Sequence, NextOrderNumber, _engine.RestingCount, _trades.Count, _historySegments,
            LastTimestampMs);
        return new MarketCheckpoint(state, segment, changed, ended);
    }

    /// <summary>Rebuilds a market from its history segments (oldest first), its resting orders and its latest checkpoint.</summary>
    public static Market Restore(MarketSpec spec, IReadOnlyList<MarketHistorySegment> history, IReadOnlyCollection<OrderRecord> resting,
        MarketSnapshot state)
    {
        if (state.Symbol != spec.Symbol)
            throw new InvalidOperationException($"Checkpoint of {state.Symbol} cannot restore market {spec.Symbol}.");
        if (history.Count != state.HistorySegments)
            throw new InvalidOperationException($"Checkpoint expects {state.HistorySegments} history segments, found {history.Count}.");
        if (resting.Count != state.RestingCount)
            throw new InvalidOperationException($"Checkpoint expects {state.RestingCount} resting orders, found {resting.Count}.");

        var market = new Market(spec) { Sequence = state.Sequence, NextOrderNumber = state.NextOrderNumber, LastTimestampMs = state.LastTimestampMs };
        foreach (var trade in history.SelectMany(h => h.Trades))
        {
            if (trade.Number != market._trades.Count + 1)
                throw new InvalidOperationException($"History of {spec.Symbol} skips from trade {market._trades.Count} to {trade.Number}.");
            market.AddTrade(trade);
        }

        if (market._trades.Count != state.TradeCount)
            throw new InvalidOperationException($"Checkpoint expects {state.TradeCount} trades, history holds {market._trades.Count}.");

        foreach (var record in history.SelectMany(h => h.FinalOrders).Concat(resting).OrderBy(r => r.Number))
            market.AddOrder(FromRecord(record));
        // Within a price level, time priority is arrival order, which is order-number order.
        foreach (var record in resting.OrderBy(r => r.Number)) market._engine.Restore(market._orders[record.Number].Engine);
        market._tradesAtCheckpoint = market._trades.Count;
        market._historySegments = history.Count;
        return market;
    }

    public static OrderRecord Record(MarketOrder o)
    {
        var e = o.Engine;
        return new OrderRecord(e.Id, e.UserId, o.ClientOrderId, e.Side.ToContract(), e.Kind.ToContract(), e.Tif.ToContract(), e.Price,
            e.Quantity, e.Filled, e.Notional, e.Status.ToContract(), e.CancelReason.ToContract(), o.CreatedAtMs, o.UpdatedAtMs,
            o.ArrivalTradeIndex, o.ArrivalTradeCount);
    }

    private static MarketOrder FromRecord(OrderRecord r)
    {
        var engineOrder = new EngineOrder(r.Number, r.UserId, r.Side.ToEngine(), r.Type.ToEngine(), r.TimeInForce.ToEngine(),
            r.PriceTicks, r.QuantityLots, r.CreatedAtMs)
        {
            Filled = r.FilledLots,
            Notional = r.NotionalTickLots,
            Status = r.Status.ToEngine(),
            CancelReason = r.CancelReason.ToEngine(),
        };
        return new MarketOrder(engineOrder, r.ClientOrderId, r.CreatedAtMs, r.ArrivalTradeIndex)
        {
            UpdatedAtMs = r.UpdatedAtMs,
            ArrivalTradeCount = r.ArrivalTradeCount,
        };
    }

    private void ExpectNext(MarketCommand c)
    {
        if (c.Sequence != Sequence + 1)
            throw new InvalidOperationException($"Command sequence {c.Sequence} out of order; expected {Sequence + 1}.");
        LastTimestampMs = Math.Max(LastTimestampMs, c.TimestampMs);
    }

    private void AddOrder(MarketOrder order)
    {
        _orders.Add(order.Number, order);
        ListFor(_ordersByUser, order.UserId).Add(order);
        if (order.ClientOrderId is { } coid) _byClientOrderId[(order.UserId, coid)] = order;
    }

    private void AddTrade(TradeRecord trade)
    {
        _trades.Add(trade);
        ListFor(_tradesByUser, trade.BuyerId).Add(trade);
        if (trade.SellerId != trade.BuyerId) ListFor(_tradesByUser, trade.SellerId).Add(trade);
    }

    private List<BookLevel> Levels(Side side, int depth)
    {
        var views = new List<PriceLevelView>(Math.Min(depth, 64));
        _engine.GetDepth(side, depth, views);
        return views.ConvertAll(v => new BookLevel(Spec.ToPrice(v.Price), Spec.ToQuantity(v.Quantity), v.OrderCount));
    }

    private List<Trade> NewestFirst(List<TradeRecord> trades, int limit)
    {
        var result = new List<Trade>(Math.Min(limit, trades.Count));
        for (var i = trades.Count - 1; i >= 0 && result.Count < limit; i--) result.Add(ToTrade(trades[i]));
        return result;
    }

    private static List<T> ListFor<T>(Dictionary<string, List<T>> index, string key)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        return list;
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
