using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// One market's complete state: the matching engine, every order and trade, the indexes the API reads, and what
/// changed since the last checkpoint. Plain, single-threaded and deterministic: the grain applies commands in journal
/// order, and replaying the same commands into a fresh instance (or a restored checkpoint) yields the same state.
/// The contract views of it are in <see cref="MarketViews"/> and <see cref="MarketTicker"/>.
/// </summary>
public sealed class Market
{
    private readonly MatchingEngine _engine;
    private readonly Dictionary<long, TrackedOrder> _orders = [];
    private readonly Dictionary<string, List<TrackedOrder>> _ordersByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string ClientOrderId), TrackedOrder> _byClientOrderId = [];
    private readonly List<TradeRecord> _trades = [];
    private readonly MarketChangeLog _changes = new();
    private readonly Dictionary<string, List<TradeRecord>> _tradesByUser = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = [];
    private readonly List<TrackedOrder> _finalSinceCheckpoint = [];
    private readonly HashSet<long> _restingTouched = [];
    private readonly RollingDayStats _day = new();
    private int _tradesAtCheckpoint;
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

    public TrackedOrder Place(PlaceCommand c)
    {
        ExpectNext(c);
        // Numbers only go up; a gap is a number taken by an order that was refused before it was placed.
        if (c.OrderNumber < NextOrderNumber)
            throw new InvalidOperationException($"Order number {c.OrderNumber} out of order; expected at least {NextOrderNumber}.");

        var engineOrder = new EngineOrder(c.OrderNumber, c.UserId, c.Side.ToEngine(), c.Type.ToEngine(),
            c.Type == OrderType.Market ? EngineTimeInForce.Ioc : c.TimeInForce.ToEngine(), c.PriceTicks, c.QuantityLots, c.TimestampMs);
        var order = new TrackedOrder(engineOrder, c.ClientOrderId, c.TimestampMs, _trades.Count, c.FeeRate);

        _fills.Clear();
        _engine.Place(engineOrder, _fills);
        foreach (var fill in _fills)
        {
            var buy = fill.Taker.Side == Side.Buy ? fill.Taker : fill.Maker;
            var sell = fill.Taker.Side == Side.Buy ? fill.Maker : fill.Taker;
            var trade = new TradeRecord(_trades.Count + 1, fill.Price, fill.Quantity, buy.Id, sell.Id, buy.UserId, sell.UserId,
                fill.Maker.Side.ToContract(), c.TimestampMs);
            AddTrade(trade);
            _changes.Trade(c.Sequence);
            var maker = _orders[fill.Maker.Id];
            maker.UpdatedAtMs = c.TimestampMs;
            _changes.Order(c.Sequence, maker.Number);
            _restingTouched.Add(maker.Number);
            if (maker.IsFinal) _finalSinceCheckpoint.Add(maker);
        }

        order.ArrivalTradeCount = _fills.Count;
        AddOrder(order);
        _changes.Order(c.Sequence, order.Number);
        if (order.IsFinal) _finalSinceCheckpoint.Add(order);
        else _restingTouched.Add(order.Number);
        NextOrderNumber = c.OrderNumber + 1;
        Sequence = c.Sequence;
        return order;
    }

    public TrackedOrder Cancel(CancelCommand c)
    {
        ExpectNext(c);
        if (!_engine.TryCancel(c.OrderNumber, out _))
            throw new InvalidOperationException($"Order {c.OrderNumber} is not resting; a cancel must not have been journaled.");
        var order = _orders[c.OrderNumber];
        order.UpdatedAtMs = c.TimestampMs;
        _changes.Order(c.Sequence, order.Number);
        _finalSinceCheckpoint.Add(order);
        _restingTouched.Add(order.Number);
        Sequence = c.Sequence;
        return order;
    }

    public TrackedOrder? Find(long number) => _orders.GetValueOrDefault(number);

    /// <summary>Which trades and orders changed after a sequence: what the read model's projector asks for.</summary>
    public MarketChangeLog Changes => _changes;

    /// <summary>
    /// The price of the deepest ask level a buy of <paramref name="lots"/> would reach now (the worst level when the
    /// asks hold less), or null when there are no asks: what a market buy is bounded by and reserves at.
    /// </summary>
    public long? AskPriceReachedBy(long lots) => _engine.PriceReachedBy(Side.Sell, lots);

    public TrackedOrder? FindByClientOrderId(string userId, string clientOrderId) =>
        _byClientOrderId.GetValueOrDefault((userId, clientOrderId));

    /// <summary>Every trade, in execution order (trade number n is at index n - 1).</summary>
    public IReadOnlyList<TradeRecord> Trades => _trades;

    /// <summary>The user's orders, oldest first.</summary>
    public IReadOnlyList<TrackedOrder> OrdersOf(string userId) => _ordersByUser.TryGetValue(userId, out var orders) ? orders : [];

    /// <summary>The trades the user was buyer or seller in, oldest first.</summary>
    public IReadOnlyList<TradeRecord> TradesOf(string userId) => _tradesByUser.TryGetValue(userId, out var trades) ? trades : [];

    public long? BestBidTicks => _engine.BestBid;

    public long? BestAskTicks => _engine.BestAsk;

    /// <summary>Fills <paramref name="into"/> with up to <paramref name="depth"/> levels of one side, best first.</summary>
    public void GetDepth(Side side, int depth, List<PriceLevelView> into) => _engine.GetDepth(side, depth, into);

    /// <summary>Volume, high, low, last and reference price of the 24 hours up to <paramref name="now"/>; O(1) amortised.</summary>
    public DayStatistics DayStatistics(DateTimeOffset now) => _day.At(now);

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
            if (order.Engine.IsResting) changed.Add(order.ToRecord());
            else ended.Add(number);
        }

        var segment = new MarketHistorySegment([.. _finalSinceCheckpoint.Select(OrderRecords.ToRecord)],
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
            // A restored market no longer knows the sequence of each older change, only that it happened by the
            // checkpoint: anyone asking from before it gets all of them (the read model stores each once).
            market._changes.Trade(state.Sequence);
        }

        if (market._trades.Count != state.TradeCount)
            throw new InvalidOperationException($"Checkpoint expects {state.TradeCount} trades, history holds {market._trades.Count}.");

        foreach (var record in history.SelectMany(h => h.FinalOrders).Concat(resting).OrderBy(r => r.Number))
        {
            market.AddOrder(record.ToTrackedOrder());
            market._changes.Order(state.Sequence, record.Number);
        }

        // Within a price level, time priority is arrival order, which is order-number order.
        foreach (var record in resting.OrderBy(r => r.Number)) market._engine.Restore(market._orders[record.Number].Engine);
        market._tradesAtCheckpoint = market._trades.Count;
        market._historySegments = history.Count;
        return market;
    }

    private void ExpectNext(MarketCommand c)
    {
        if (c.Sequence != Sequence + 1)
            throw new InvalidOperationException($"Command sequence {c.Sequence} out of order; expected {Sequence + 1}.");
        LastTimestampMs = Math.Max(LastTimestampMs, c.TimestampMs);
    }

    private void AddOrder(TrackedOrder order)
    {
        _orders.Add(order.Number, order);
        ListFor(_ordersByUser, order.UserId).Add(order);
        if (order.ClientOrderId is { } coid) _byClientOrderId[(order.UserId, coid)] = order;
    }

    private void AddTrade(TradeRecord trade)
    {
        _trades.Add(trade);
        _day.Add(trade.TimestampMs, trade.PriceTicks, trade.QuantityLots);
        ListFor(_tradesByUser, trade.BuyerId).Add(trade);
        if (trade.SellerId != trade.BuyerId) ListFor(_tradesByUser, trade.SellerId).Add(trade);
    }

    private static List<T> ListFor<T>(Dictionary<string, List<T>> index, string key)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        return list;
    }
}
