using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

/// <summary>
/// Deliberately naive model of the matching rules: one flat list, re-sorted on every query.
/// Slow and obviously correct, it is the oracle for the property tests.
/// </summary>
internal sealed class ReferenceBook
{
    private readonly List<ModelOrder> _resting = [];
    private long _arrival;

    public List<(long Maker, long Taker, long Price, long Qty)> Place(ModelOrder taker)
    {
        var fills = new List<(long, long, long, long)>();
        bool isMarket = taker.Kind == OrderKind.Market;

        // Every opposite order the taker's price allows, in price-time priority.
        List<ModelOrder> eligible = [.. Priority(taker.Side == Side.Buy ? Side.Sell : Side.Buy)
            .Where(o => isMarket || (taker.Side == Side.Buy ? o.Price <= taker.Price : o.Price >= taker.Price))];
        int ownIndex = eligible.FindIndex(o => o.User == taker.User);
        List<ModelOrder> tradable = ownIndex < 0 ? eligible : eligible.GetRange(0, ownIndex);

        if (!isMarket && taker.Tif == EngineTimeInForce.Fok && tradable.Sum(o => o.Remaining) < taker.Qty)
        {
            taker.Status = EngineOrderStatus.Cancelled;
            taker.Reason = EngineCancelReason.FokUnfilled;
            return fills;
        }

        foreach (ModelOrder maker in tradable)
        {
            if (taker.Remaining == 0)
            {
                break;
            }

            long qty = Math.Min(taker.Remaining, maker.Remaining);
            maker.Filled += qty;
            maker.Notional += qty * maker.Price;
            taker.Filled += qty;
            taker.Notional += qty * maker.Price;
            fills.Add((maker.Id, taker.Id, maker.Price, qty));
            maker.Status = maker.Remaining == 0 ? EngineOrderStatus.Filled : EngineOrderStatus.PartiallyFilled;
        }

        _resting.RemoveAll(o => o.Remaining == 0);

        if (taker.Remaining == 0)
        {
            taker.Status = EngineOrderStatus.Filled;
        }
        else if (ownIndex >= 0)
        {
            // Remainder left means every order ahead of the own order was consumed: we reached it.
            taker.Status = EngineOrderStatus.Cancelled;
            taker.Reason = EngineCancelReason.SelfTrade;
        }
        else if (isMarket)
        {
            taker.Status = EngineOrderStatus.Cancelled;
            taker.Reason = EngineCancelReason.NoLiquidity;
        }
        else if (taker.Tif == EngineTimeInForce.Ioc)
        {
            taker.Status = EngineOrderStatus.Cancelled;
            taker.Reason = EngineCancelReason.IocRemainder;
        }
        else
        {
            taker.Status = taker.Filled > 0 ? EngineOrderStatus.PartiallyFilled : EngineOrderStatus.Open;
            taker.Arrival = _arrival++;
            _resting.Add(taker);
        }

        return fills;
    }

    public ModelOrder? Cancel(long id)
    {
        ModelOrder? order = _resting.Find(o => o.Id == id);
        if (order is not null)
        {
            _resting.Remove(order);
            order.Status = EngineOrderStatus.Cancelled;
            order.Reason = EngineCancelReason.UserRequested;
        }

        return order;
    }

    public int Count => _resting.Count;

    public long? BestBid => Priority(Side.Buy).Select(o => (long?)o.Price).FirstOrDefault();

    public long? BestAsk => Priority(Side.Sell).Select(o => (long?)o.Price).FirstOrDefault();

    /// <summary>Bids best-first then asks best-first, oldest first within a price.</summary>
    public IEnumerable<ModelOrder> Book() => Priority(Side.Buy).Concat(Priority(Side.Sell));

    private IEnumerable<ModelOrder> Priority(Side side) =>
        _resting.Where(o => o.Side == side)
            .OrderBy(o => side == Side.Buy ? -o.Price : o.Price)
            .ThenBy(o => o.Arrival);
}
