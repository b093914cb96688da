namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// Single-instrument continuous two-sided auction with price-time priority. Not thread-safe: one
/// owner (e.g. a grain) drives it. Deterministic: it reads no clock and no randomness, so replaying
/// the same calls rebuilds the same state.
/// </summary>
public sealed class MatchingEngine
{
    private readonly PriceLadder _bids;
    private readonly PriceLadder _asks;
    private readonly Dictionary<long, EngineOrder> _resting;

    // Largest |price| any fill can have; bounding price × quantity by it up front means notional
    // arithmetic during matching cannot overflow halfway through and leave the book half-updated.
    private readonly long _maxAbsPrice;

    public MatchingEngine(MatchingEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MinPrice > options.MaxPrice)
        {
            throw new ArgumentException("MinPrice must not exceed MaxPrice.", nameof(options));
        }

        if (options.MinPrice == long.MinValue)
        {
            throw new ArgumentException("MinPrice must be greater than long.MinValue.", nameof(options));
        }

        Options = options;
        _bids = PriceLadder.Create(options, isBid: true);
        _asks = PriceLadder.Create(options, isBid: false);
        _resting = new Dictionary<long, EngineOrder>(options.InitialOrderCapacity);
        _maxAbsPrice = Math.Max(Math.Abs(options.MinPrice), Math.Abs(options.MaxPrice));
    }

    public MatchingEngineOptions Options { get; }

    /// <summary>True when levels are indexed by tick offset rather than kept in a sorted array.</summary>
    public bool UsesDenseLadder => _bids is DensePriceLadder;

    public long? BestBid => _bids.Best?.Price;

    public long? BestAsk => _asks.Best?.Price;

    public int RestingCount => _resting.Count;

    public int LevelCount(Side side) => Ladder(side).LevelCount;

    /// <summary>
    /// Matches <paramref name="incoming"/> against the book, appending executions to <paramref name="fillsOut"/>
    /// (which is not cleared), and rests any GTC limit remainder. Returns <paramref name="incoming"/>,
    /// whose Status, Filled, Notional and CancelReason hold the outcome.
    /// </summary>
    public EngineOrder Place(EngineOrder incoming, List<Fill> fillsOut)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(fillsOut);
        ValidateNew(incoming);

        PriceLadder opposite = incoming.Side == Side.Buy ? _asks : _bids;
        if (incoming.Tif == EngineTimeInForce.Fok && !CanFillCompletely(incoming, opposite))
        {
            Finish(incoming, EngineOrderStatus.Cancelled, EngineCancelReason.FokUnfilled);
            return incoming;
        }

        bool selfTradeStop = Match(incoming, opposite, fillsOut);

        if (incoming.Remaining == 0)
        {
            Finish(incoming, EngineOrderStatus.Filled, EngineCancelReason.None);
        }
        else if (selfTradeStop)
        {
            Finish(incoming, EngineOrderStatus.Cancelled, EngineCancelReason.SelfTrade);
        }
        else if (incoming.Kind == OrderKind.Market)
        {
            Finish(incoming, EngineOrderStatus.Cancelled, EngineCancelReason.NoLiquidity);
        }
        else if (incoming.Tif == EngineTimeInForce.Ioc)
        {
            Finish(incoming, EngineOrderStatus.Cancelled, EngineCancelReason.IocRemainder);
        }
        else
        {
            // FOK never gets here: the pre-check guarantees a complete fill.
            incoming.Status = incoming.Filled > 0 ? EngineOrderStatus.PartiallyFilled : EngineOrderStatus.Open;
            Rest(incoming);
        }

        return incoming;
    }

    /// <summary>
    /// Appends a resting order to the back of its level without matching, preserving its Filled and
    /// Notional. Feed it <see cref="RestingOrdersInPriorityOrder"/> of a snapshot (as detached copies)
    /// to rebuild an identical book.
    /// </summary>
    public void Restore(EngineOrder resting)
    {
        ArgumentNullException.ThrowIfNull(resting);
        if (resting.IsResting)
        {
            throw new ArgumentException($"Order {resting.Id} is linked into a book; restore a Clone() instead.", nameof(resting));
        }

        if (resting.Kind != OrderKind.Limit || resting.Tif != EngineTimeInForce.Gtc)
        {
            throw new ArgumentException($"Order {resting.Id}: only GTC limit orders can rest.", nameof(resting));
        }

        if (resting.Filled < 0 || resting.Remaining <= 0)
        {
            throw new ArgumentException($"Order {resting.Id}: Filled must be in [0, Quantity).", nameof(resting));
        }

        CheckPrice(resting);
        CheckNotionalBound(resting);
        if (_resting.ContainsKey(resting.Id))
        {
            throw new ArgumentException($"Order {resting.Id} is already resting.", nameof(resting));
        }

        // A restored book must not be crossed, or later matching would skip trades the live book made.
        PriceLevel? opposite = Ladder(Opposite(resting.Side)).Best;
        if (opposite is not null && Crosses(resting, opposite.Price))
        {
            throw new ArgumentException($"Order {resting.Id} at {resting.Price} would cross the opposite best {opposite.Price}.", nameof(resting));
        }

        resting.Status = resting.Filled > 0 ? EngineOrderStatus.PartiallyFilled : EngineOrderStatus.Open;
        resting.CancelReason = EngineCancelReason.None;
        Rest(resting);
    }

    /// <summary>Cancels a resting order. Returns false, changing nothing, for unknown or no longer resting ids.</summary>
    public bool TryCancel(long orderId, out EngineOrder? order)
    {
        if (!_resting.Remove(orderId, out order))
        {
            return false;
        }

        Unlink(order);
        Finish(order, EngineOrderStatus.Cancelled, EngineCancelReason.UserRequested);
        return true;
    }

    public EngineOrder? FindResting(long orderId) => _resting.GetValueOrDefault(orderId);

    /// <summary>Clears <paramref name="into"/> and fills it with up to <paramref name="maxLevels"/> levels, best first.</summary>
    public void GetDepth(Side side, int maxLevels, List<PriceLevelView> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        PriceLadder ladder = Ladder(side);
        for (PriceLevel? level = ladder.Best; level is not null && into.Count < maxLevels; level = ladder.NextWorse(level))
        {
            into.Add(new PriceLevelView(level.Price, level.TotalQuantity, level.Count));
        }
    }

    /// <summary>
    /// The price of the deepest level of <paramref name="side"/> that <paramref name="quantity"/> would reach, walking
    /// from the best (the worst level when the side holds less); null when the side is empty.
    /// </summary>
    public long? PriceReachedBy(Side side, long quantity)
    {
        PriceLadder ladder = Ladder(side);
        long? price = null;
        for (PriceLevel? level = ladder.Best; level is not null; level = ladder.NextWorse(level))
        {
            price = level.Price;
            quantity -= level.TotalQuantity;
            if (quantity <= 0)
            {
                break;
            }
        }

        return price;
    }

    /// <summary>All resting orders: bids best-first then asks best-first, FIFO within a level.</summary>
    public IEnumerable<EngineOrder> RestingOrdersInPriorityOrder() =>
        RestingOrdersInPriorityOrder(Side.Buy).Concat(RestingOrdersInPriorityOrder(Side.Sell));

    public IEnumerable<EngineOrder> RestingOrdersInPriorityOrder(Side side)
    {
        PriceLadder ladder = Ladder(side);
        for (PriceLevel? level = ladder.Best; level is not null; level = ladder.NextWorse(level))
        {
            for (EngineOrder? order = level.Head; order is not null; order = order.Next)
            {
                yield return order;
            }
        }
    }

    private void ValidateNew(EngineOrder incoming)
    {
        if (incoming.IsResting || incoming.Filled != 0 || incoming.Status != EngineOrderStatus.Open)
        {
            throw new ArgumentException($"Order {incoming.Id} has already been processed; place a new instance.", nameof(incoming));
        }

        if (incoming.Quantity <= 0)
        {
            throw new ArgumentException($"Order {incoming.Id}: quantity must be positive.", nameof(incoming));
        }

        if (incoming.Kind == OrderKind.Limit)
        {
            CheckPrice(incoming);
        }

        if (_resting.ContainsKey(incoming.Id))
        {
            throw new ArgumentException($"Order {incoming.Id} is already resting.", nameof(incoming));
        }

        CheckNotionalBound(incoming);
    }

    private void CheckNotionalBound(EngineOrder order)
    {
        if (Math.BigMul(_maxAbsPrice, order.Quantity) > long.MaxValue)
        {
            throw new ArgumentException($"Order {order.Id}: quantity × max |price| overflows the notional.", nameof(order));
        }
    }

    private void CheckPrice(EngineOrder order)
    {
        if (order.Price < Options.MinPrice || order.Price > Options.MaxPrice)
        {
            throw new ArgumentException(
                $"Order {order.Id}: price {order.Price} outside [{Options.MinPrice}, {Options.MaxPrice}].", nameof(order));
        }
    }

    /// <summary>Executes against the opposite side; returns true if it stopped at the taker's own resting order.</summary>
    private bool Match(EngineOrder taker, PriceLadder opposite, List<Fill> fillsOut)
    {
        long remaining = taker.Quantity;
        while (opposite.Best is { } level && CanTrade(taker, level.Price))
        {
            long price = level.Price;
            EngineOrder? maker = level.Head;
            while (maker is not null)
            {
                if (SameUser(maker, taker))
                {
                    taker.Filled = taker.Quantity - remaining;
                    return true;
                }

                long qty = Math.Min(remaining, maker.Remaining);
                long notional = price * qty;
                maker.Filled += qty;
                maker.Notional += notional;
                taker.Notional += notional;
                level.TotalQuantity -= qty;
                remaining -= qty;
                fillsOut.Add(new Fill(maker, taker, price, qty));

                EngineOrder? next = maker.Next;
                if (maker.Remaining == 0)
                {
                    level.Remove(maker);
                    _resting.Remove(maker.Id);
                    maker.Status = EngineOrderStatus.Filled;
                }
                else
                {
                    maker.Status = EngineOrderStatus.PartiallyFilled;
                }

                if (remaining == 0)
                {
                    if (level.IsEmpty)
                    {
                        opposite.RemoveEmpty(level);
                    }

                    taker.Filled = taker.Quantity;
                    return false;
                }

                maker = next;
            }

            opposite.RemoveEmpty(level);
        }

        taker.Filled = taker.Quantity - remaining;
        return false;
    }

    /// <summary>FOK pre-check: is the full quantity available before the book runs out, the limit stops, or an own order blocks?</summary>
    private static bool CanFillCompletely(EngineOrder taker, PriceLadder opposite)
    {
        long needed = taker.Quantity;
        for (PriceLevel? level = opposite.Best; level is not null && CanTrade(taker, level.Price); level = opposite.NextWorse(level))
        {
            // Whole level fits and it's long enough? Still walk it: an own order inside would block the rest.
            for (EngineOrder? maker = level.Head; maker is not null; maker = maker.Next)
            {
                if (SameUser(maker, taker))
                {
                    return false;
                }

                needed -= maker.Remaining;
                if (needed <= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // A market order with a price is bounded by it: a market buy is priced on arrival so that what it reserved covers
    // what it can spend. Without one (price 0) it takes whatever the book offers.
    private static bool CanTrade(EngineOrder taker, long makerPrice) =>
        (taker.Kind == OrderKind.Market && taker.Price == 0) || Crosses(taker, makerPrice);

    private static bool Crosses(EngineOrder order, long oppositePrice) =>
        order.Side == Side.Buy ? order.Price >= oppositePrice : order.Price <= oppositePrice;

    private static bool SameUser(EngineOrder a, EngineOrder b) => string.Equals(a.UserId, b.UserId, StringComparison.Ordinal);

    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;

    private static void Finish(EngineOrder order, EngineOrderStatus status, EngineCancelReason reason)
    {
        order.Status = status;
        order.CancelReason = reason;
    }

    private void Rest(EngineOrder order)
    {
        _resting.Add(order.Id, order);
        Ladder(order.Side).GetOrAdd(order.Price).Append(order);
    }

    private void Unlink(EngineOrder order)
    {
        PriceLevel level = order.Level!;
        level.Remove(order);
        if (level.IsEmpty)
        {
            Ladder(order.Side).RemoveEmpty(level);
        }
    }

    private PriceLadder Ladder(Side side) => side == Side.Buy ? _bids : _asks;
}
