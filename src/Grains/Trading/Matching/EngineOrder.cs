namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// An order as seen by the matching engine. Callers create it and read it; only the engine mutates it.
/// An instance belongs to at most one engine: never place or restore the same instance twice.
/// </summary>
public sealed class EngineOrder
{
    public EngineOrder(long id, string userId, Side side, OrderKind kind, EngineTimeInForce tif, long price, long quantity, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(userId);
        Id = id;
        UserId = userId;
        Side = side;
        Kind = kind;
        // Market orders never rest, so whatever the caller asked for they behave as IOC; storing the
        // effective value keeps readers from having to know that rule.
        Tif = kind == OrderKind.Market ? EngineTimeInForce.Ioc : tif;
        // A market order's price is 0 (takes any price) or the bound a market buy was given on arrival.
        Price = price;
        Quantity = quantity;
        Timestamp = timestamp;
    }

    public long Id { get; }

    public string UserId { get; }

    public Side Side { get; }

    public OrderKind Kind { get; }

    public EngineTimeInForce Tif { get; }

    /// <summary>Limit price in ticks; 0 for market orders.</summary>
    public long Price { get; }

    public long Quantity { get; }

    public long Filled { get; internal set; }

    public long Remaining => Quantity - Filled;

    public EngineOrderStatus Status { get; internal set; }

    public EngineCancelReason CancelReason { get; internal set; }

    /// <summary>Sum of price × quantity over this order's fills; Notional / Filled is the average price.</summary>
    public long Notional { get; internal set; }

    /// <summary>Opaque caller value (e.g. journal time); the engine never interprets it.</summary>
    public long Timestamp { get; }

    public bool IsResting => Level is not null;

    // Intrusive FIFO links: they make cancel O(1) without a separate node allocation per order.
    internal EngineOrder? Prev;
    internal EngineOrder? Next;
    internal PriceLevel? Level;

    public static EngineOrder Limit(long id, string userId, Side side, long price, long quantity, EngineTimeInForce tif = EngineTimeInForce.Gtc, long timestamp = 0) =>
        new(id, userId, side, OrderKind.Limit, tif, price, quantity, timestamp);

    public static EngineOrder Market(long id, string userId, Side side, long quantity, long timestamp = 0) =>
        new(id, userId, side, OrderKind.Market, EngineTimeInForce.Ioc, 0, quantity, timestamp);

    /// <summary>Rebuilds a resting order from persisted snapshot fields, for <see cref="MatchingEngine.Restore"/>.</summary>
    public static EngineOrder ForRestore(long id, string userId, Side side, long price, long quantity, long filled, long notional, long timestamp) =>
        new(id, userId, side, OrderKind.Limit, EngineTimeInForce.Gtc, price, quantity, timestamp)
        {
            Filled = filled,
            Notional = notional,
            Status = filled > 0 ? EngineOrderStatus.PartiallyFilled : EngineOrderStatus.Open,
        };

    /// <summary>Detached copy of the public state (no book links), e.g. to snapshot a resting order.</summary>
    public EngineOrder Clone() =>
        new(Id, UserId, Side, Kind, Tif, Price, Quantity, Timestamp)
        {
            Filled = Filled,
            Notional = Notional,
            Status = Status,
            CancelReason = CancelReason,
        };

    public override string ToString() =>
        $"#{Id} {UserId} {Side} {Kind} {Tif} {Quantity}@{Price} filled={Filled} {Status} {CancelReason}";
}
