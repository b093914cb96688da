using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// An order a <see cref="Market"/> holds, of any type and in any state: the engine's order plus what the exchange
/// tracks around it (client order id, times, arrival fills). Not to be confused with an order of type market.
/// </summary>
public sealed class TrackedOrder(EngineOrder engine, string? clientOrderId, long createdAtMs, int arrivalTradeIndex, decimal? feeRate = null)
{
    public EngineOrder Engine { get; } = engine;
    public string? ClientOrderId { get; } = clientOrderId;
    public long CreatedAtMs { get; } = createdAtMs;
    public long UpdatedAtMs { get; set; } = createdAtMs;

    /// <summary>How many trades the market had executed before this order arrived: its first arrival fill is trade number ArrivalTradeIndex + 1.</summary>
    public int ArrivalTradeIndex { get; } = arrivalTradeIndex;
    public int ArrivalTradeCount { get; set; }

    /// <summary>The fee rate the order reserved for; null when it reserved nothing (placed before accounts existed).</summary>
    public decimal? FeeRate { get; } = feeRate;

    public long Number => Engine.Id;
    public string UserId => Engine.UserId;
    public bool IsFinal => Engine.Status is EngineOrderStatus.Filled or EngineOrderStatus.Cancelled;

    /// <summary>True when a repeated request (same client_order_id) asks for exactly what this order asked for.</summary>
    public bool IsSameRequest(PlaceOrderCommand request, long priceTicks, long quantityLots) =>
        Engine.Side == request.Side.ToEngine()
        && Engine.Kind == request.Type.ToEngine()
        && (request.Type == OrderType.Market || Engine.Tif == request.TimeInForce.ToEngine())
        // A market order's price is the bound it was given on arrival, not part of the request.
        && (request.Type == OrderType.Market || Engine.Price == priceTicks)
        && Engine.Quantity == quantityLots;
}
