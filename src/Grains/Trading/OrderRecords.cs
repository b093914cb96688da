using GridTokenX.Grains.Trading.Matching;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Trading;

/// <summary>A tracked order to and from the record a checkpoint stores (field for field; nothing is derived).</summary>
public static class OrderRecords
{
    public static OrderRecord ToRecord(this TrackedOrder o)
    {
        var e = o.Engine;
        return new OrderRecord(e.Id, e.UserId, o.ClientOrderId, e.Side.ToContract(), e.Kind.ToContract(), e.Tif.ToContract(), e.Price,
            e.Quantity, e.Filled, e.Notional, e.Status.ToContract(), e.CancelReason.ToContract(), o.CreatedAtMs, o.UpdatedAtMs,
            o.ArrivalTradeIndex, o.ArrivalTradeCount, o.FeeRate);
    }

    public static TrackedOrder ToTrackedOrder(this OrderRecord r)
    {
        var engineOrder = new EngineOrder(r.Number, r.UserId, r.Side.ToEngine(), r.Type.ToEngine(), r.TimeInForce.ToEngine(),
            r.PriceTicks, r.QuantityLots, r.CreatedAtMs)
        {
            Filled = r.FilledLots,
            Notional = r.NotionalTickLots,
            Status = r.Status.ToEngine(),
            CancelReason = r.CancelReason.ToEngine(),
        };
        return new TrackedOrder(engineOrder, r.ClientOrderId, r.CreatedAtMs, r.ArrivalTradeIndex, r.FeeRate)
        {
            UpdatedAtMs = r.UpdatedAtMs,
            ArrivalTradeCount = r.ArrivalTradeCount,
        };
    }
}
