using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Tests.Trading.Matching;

internal sealed class ModelOrder(long id, string user, Side side, OrderKind kind, EngineTimeInForce tif, long price, long qty)
{
    public long Id { get; } = id;

    public string User { get; } = user;

    public Side Side { get; } = side;

    public OrderKind Kind { get; } = kind;

    public EngineTimeInForce Tif { get; } = tif;

    public long Price { get; } = price;

    public long Qty { get; } = qty;

    public long Filled { get; set; }

    public long Remaining => Qty - Filled;

    public long Notional { get; set; }

    public long Arrival { get; set; }

    public EngineOrderStatus Status { get; set; }

    public EngineCancelReason Reason { get; set; }
}
