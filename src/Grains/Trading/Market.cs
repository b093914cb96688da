using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// One market's state: the matching engine, its resting orders and recent history (every order and trade until the
/// read model durably holds it and it is older than the retention: see <see cref="TakeCheckpoint"/>), the indexes the
/// API reads, and what changed since the last checkpoint. Plain, single-threaded and deterministic: the grain applies commands in journal
/// order, and replaying the same commands into a fresh instance (or a restored checkpoint) yields the same state.
/// The contract views of it are in <see cref="MarketViews"/> and <see cref="MarketTicker"/>.
/// </summary>
public sealed class Market
{
    private readonly MatchingEngine _engine;
    private readonly Dictionary<long, TrackedOrder> _orders = [];
    private readonly Dictionary<string, List<TrackedOrder>> _ordersByUser = new(StringComparer.Ordinal);
    private readonly Dictionary<(string User, string ClientOrderId), TrackedOrder> _byClientOrderId = [];
    // Trade number n is at index n - 1 - _tradesBefore: the ones before were trimmed.
    private readonly List<TradeRecord> _trades = [];
    private readonly MarketChangeLog _changes;
    private readonly List<RetainedSegment> _segments = [];
    private readonly Dictionary<string, List<TradeRecord>> _tradesByUser = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = [];
    private readonly List<TrackedOrder> _finalSinceCheckpoint = [];
    private readonly HashSet<long> _restingTouched = [];
    private readonly RollingDayStats _day = new();
    private int _tradesAtCheckpoint;
    private int _tradesBefore;
    private int _segmentsBefore;
    private TradeRecord? _lastTrimmedTrade;

    public Market(MarketSpec spec)
        : this(spec, 0)
    {
    }

    private Market(MarketSpec spec, int tradesBefore)
    {
        Spec = spec;
        _engine = new MatchingEngine(new MatchingEngineOptions(spec.MinPriceTicks, spec.MaxPriceTicks));
        _tradesBefore = _tradesAtCheckpoint = tradesBefore;
        _changes = new MarketChangeLog(tradesBefore);
    }

    public MarketSpec Spec { get; }

    /// <summary>Sequence of the last command applied.</summary>
    public long Sequence { get; private set; }

    public long NextOrderNumber { get; private set; } = 1;

    /// <summary>The clock reading carried by the last command applied.</summary>
    public long LastTimestampMs { get; private set; }

    public int OrderCount => _orders.Count;

    /// <summary>Trades ever executed (the number of the latest).</summary>
    public int TradeCount => _tradesBefore + _trades.Count;

    /// <summary>Trades trimmed from memory: the first retained trade is number <c>TradesBefore + 1</c>.</summary>
    public int TradesBefore => _tradesBefore;

    /// <summary>History segments trimmed so far (a check for tests and the log).</summary>
    public int SegmentsBefore => _segmentsBefore;

    /// <summary>History segments retained, the one of the latest checkpoint included.</summary>
    public int SegmentsRetained => _segments.Count;

    /// <summary>The read model durably holds every change up to this sequence: the most it ever said it did.</summary>
    public long ReadModelPosition { get; private set; }

    /// <summary>Settlement has settled every trade numbered up to this: the most it ever said it had.</summary>
    public long SettledTrades { get; private set; }

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
        var order = new TrackedOrder(engineOrder, c.ClientOrderId, c.TimestampMs, TradeCount, c.FeeRate);

        _fills.Clear();
        _engine.Place(engineOrder, _fills);
        foreach (var fill in _fills)
        {
            var buy = fill.Taker.Side == Side.Buy ? fill.Taker : fill.Maker;
            var sell = fill.Taker.Side == Side.Buy ? fill.Maker : fill.Taker;
            var trade = new TradeRecord(TradeCount + 1, fill.Price, fill.Quantity, buy.Id, sell.Id, buy.UserId, sell.UserId,
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

    /// <summary>The retained trades, in execution order (trade number n is at index n - 1 - <see cref="TradesBefore"/>).</summary>
    public IReadOnlyList<TradeRecord> Trades => _trades;

    /// <summary>Trade number <paramref name="number"/>, if it was executed and is still retained.</summary>
    public TradeRecord? FindTrade(long number) =>
        number > _tradesBefore && number <= TradeCount ? _trades[(int)(number - 1 - _tradesBefore)] : null;

    /// <summary>
    /// The read model's projector asked for the changes after <paramref name="sequence"/>, so its database durably holds
    /// every change up to it (it stores its position in the transaction that stores the rows). Never moves back.
    /// </summary>
    public void ReadModelHolds(long sequence) => ReadModelPosition = Math.Max(ReadModelPosition, Math.Min(sequence, Sequence));

    /// <summary>Settlement asked for the trades after <paramref name="tradeNumber"/>: it has settled every one up to it. Never moves back.</summary>
    public void SettledThrough(long tradeNumber) => SettledTrades = Math.Max(SettledTrades, Math.Min(tradeNumber, TradeCount));

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
    /// final since the previous checkpoint, and the resting orders that changed or ended since then. With a
    /// <paramref name="retention"/>, it then trims the oldest whole segments that the read model durably holds, that
    /// settlement has settled, and whose newest item is older than the retention (by the market's own clock), from
    /// memory; the checkpoint's state says how many remain, so the journal drops them in the same write.
    /// </summary>
    public MarketCheckpoint TakeCheckpoint(TimeSpan? retention = null)
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
            _trades.GetRange(_tradesAtCheckpoint - _tradesBefore, TradeCount - _tradesAtCheckpoint).ToArray(), Sequence, LastTimestampMs);
        _segments.Add(new RetainedSegment(Sequence, LastTimestampMs, segment.Trades.Length, [.. segment.FinalOrders.Select(o => o.Number)]));
        _restingTouched.Clear();
        _finalSinceCheckpoint.Clear();
        _tradesAtCheckpoint = TradeCount;
        if (retention is { } kept) Trim(LastTimestampMs - (long)kept.TotalMilliseconds);
        var state = new MarketSnapshot(Spec.Symbol, Sequence, NextOrderNumber, _engine.RestingCount, TradeCount, _segmentsBefore + _segments.Count,
            LastTimestampMs, ReadModelPosition, SettledTrades, _segmentsBefore, _tradesBefore, _lastTrimmedTrade);
        return new MarketCheckpoint(state, segment, changed, ended);
    }

    /// <summary>Rebuilds a market from its history segments (oldest first), its resting orders and its latest checkpoint.</summary>
    public static Market Restore(MarketSpec spec, IReadOnlyList<MarketHistorySegment> history, IReadOnlyCollection<OrderRecord> resting,
        MarketSnapshot state)
    {
        if (state.Symbol != spec.Symbol)
            throw new InvalidOperationException($"Checkpoint of {state.Symbol} cannot restore market {spec.Symbol}.");
        if (history.Count != state.HistorySegments - state.SegmentsBefore)
            throw new InvalidOperationException(
                $"Checkpoint expects {state.HistorySegments - state.SegmentsBefore} history segments ({state.SegmentsBefore} trimmed), found {history.Count}.");
        if (resting.Count != state.RestingCount)
            throw new InvalidOperationException($"Checkpoint expects {state.RestingCount} resting orders, found {resting.Count}.");

        var market = new Market(spec, state.TradesBefore)
        {
            Sequence = state.Sequence,
            NextOrderNumber = state.NextOrderNumber,
            LastTimestampMs = state.LastTimestampMs,
            ReadModelPosition = state.ReadModelPosition,
            SettledTrades = state.SettledTrades,
            _segmentsBefore = state.SegmentsBefore,
            _lastTrimmedTrade = state.LastTrimmedTrade,
        };
        // The trimmed trade is older than any 24-hour window still to be asked about: it only restores the last
        // price and the change's reference, as if the trimmed history had been replayed.
        if (state.LastTrimmedTrade is { } trimmed) market._day.Add(trimmed.TimestampMs, trimmed.PriceTicks, trimmed.QuantityLots);

        var segments = RetainedSegment.Of(history, state);
        for (var i = 0; i < history.Count; i++)
        {
            foreach (var trade in history[i].Trades)
            {
                if (trade.Number != market.TradeCount + 1)
                    throw new InvalidOperationException($"History of {spec.Symbol} skips from trade {market.TradeCount} to {trade.Number}.");
                market.AddTrade(trade);
                // A restored market no longer knows the sequence of each older change, only that it happened by its
                // segment's checkpoint: anyone asking from before that gets all of them (the read model stores each once).
                market._changes.Trade(segments[i].Sequence);
            }
        }

        if (market.TradeCount != state.TradeCount)
            throw new InvalidOperationException($"Checkpoint expects {state.TradeCount} trades, history holds {market.TradeCount}.");

        // Oldest first in every per-user index; the change log in sequence order.
        foreach (var record in history.SelectMany(h => h.FinalOrders).Concat(resting).OrderBy(r => r.Number)) market.AddOrder(record.ToTrackedOrder());
        for (var i = 0; i < history.Count; i++)
        {
            foreach (var record in history[i].FinalOrders) market._changes.Order(segments[i].Sequence, record.Number);
        }

        foreach (var record in resting.OrderBy(r => r.Number)) market._changes.Order(state.Sequence, record.Number);

        // Within a price level, time priority is arrival order, which is order-number order.
        foreach (var record in resting.OrderBy(r => r.Number)) market._engine.Restore(market._orders[record.Number].Engine);
        market._tradesAtCheckpoint = market.TradeCount;
        market._segments.AddRange(segments);
        return market;
    }

    /// <summary>
    /// Drops the oldest segments that the read model holds, that are settled and whose newest item is older than
    /// <paramref name="olderThanMs"/>; never the latest segment, and segments sharing a sequence (only those written
    /// before sequences were recorded do) only all together, so what remains is exactly what follows the cut.
    /// Every order in a segment is final: resting orders are never in one, so they are never trimmed.
    /// </summary>
    private void Trim(long olderThanMs)
    {
        int count = 0, trades = 0, candidate = 0, candidateTrades = 0;
        while (candidate + 1 < _segments.Count)
        {
            var s = _segments[candidate];
            if (s.Sequence > ReadModelPosition || s.LastTimestampMs >= olderThanMs || _tradesBefore + candidateTrades + s.TradeCount > SettledTrades)
                break;
            candidate++;
            candidateTrades += s.TradeCount;
            if (_segments[candidate].Sequence > s.Sequence) (count, trades) = (candidate, candidateTrades);
        }

        if (count == 0) return;
        var through = _segments[count - 1].Sequence;
        var users = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<long>();
        foreach (var number in _segments.Take(count).SelectMany(s => s.OrderNumbers))
        {
            var order = _orders[number];
            if (!order.IsFinal) throw new InvalidOperationException($"Order {number} of {Spec.Symbol} is in a history segment but not final.");
            _orders.Remove(number);
            numbers.Add(number);
            users.Add(order.UserId);
            if (order.ClientOrderId is { } coid && _byClientOrderId.GetValueOrDefault((order.UserId, coid)) == order)
                _byClientOrderId.Remove((order.UserId, coid));
        }

        foreach (var user in users)
        {
            var orders = _ordersByUser[user];
            orders.RemoveAll(o => numbers.Contains(o.Number));
            if (orders.Count == 0) _ordersByUser.Remove(user);
        }

        if (trades > 0)
        {
            _lastTrimmedTrade = _trades[trades - 1];
            var traders = _trades.Take(trades).SelectMany(t => new[] { t.BuyerId, t.SellerId }).ToHashSet(StringComparer.Ordinal);
            _trades.RemoveRange(0, trades);
            _tradesBefore += trades;
            foreach (var user in traders)
            {
                var list = _tradesByUser[user];
                var gone = 0;
                while (gone < list.Count && list[gone].Number <= _tradesBefore) gone++;
                list.RemoveRange(0, gone);
                if (list.Count == 0) _tradesByUser.Remove(user);
            }
        }

        _changes.TrimThrough(through, trades);
        _segments.RemoveRange(0, count);
        _segmentsBefore += count;
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

    /// <summary>What trimming needs to know of a retained history segment.</summary>
    private readonly record struct RetainedSegment(long Sequence, long LastTimestampMs, int TradeCount, long[] OrderNumbers)
    {
        /// <summary>
        /// The restored segments. One written before sequences and times were recorded takes those of the next segment
        /// that has them (or the checkpoint's): an upper bound, since it was complete before that checkpoint, which
        /// keeps sequences in order and only ever trims later than it could have.
        /// </summary>
        public static RetainedSegment[] Of(IReadOnlyList<MarketHistorySegment> history, MarketSnapshot state)
        {
            var result = new RetainedSegment[history.Count];
            var (sequence, time) = (state.Sequence, state.LastTimestampMs);
            for (var i = history.Count - 1; i >= 0; i--)
            {
                var h = history[i];
                if (h.Sequence > 0) (sequence, time) = (h.Sequence, h.LastTimestampMs);
                result[i] = new RetainedSegment(sequence, time, h.Trades.Length, [.. h.FinalOrders.Select(o => o.Number)]);
            }

            return result;
        }
    }
}
