using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Trading;

public sealed record OrderResponse(string OrderId, string? ClientOrderId, string UserId, string Symbol, string Side, string Type,
    string TimeInForce, string? Price, string Quantity, string FilledQuantity, string RemainingQuantity, string? AveragePrice,
    string Status, string? CancelReason, string CreatedAt, string UpdatedAt)
{
    public static OrderResponse From(Order o, MarketSpec m) => new(o.OrderId, o.ClientOrderId, o.UserId, o.Symbol, WireEnums.Side(o.Side),
        WireEnums.Type(o.Type), WireEnums.TimeInForce(o.TimeInForce), Wire.Decimal(o.Price, m.PriceDecimals),
        Wire.Decimal(o.Quantity, m.QuantityDecimals), Wire.Decimal(o.FilledQuantity, m.QuantityDecimals),
        Wire.Decimal(o.RemainingQuantity, m.QuantityDecimals), Wire.Exact(o.AveragePrice), WireEnums.Status(o.Status),
        WireEnums.CancelReason(o.CancelReason), Wire.Time(o.CreatedAt), Wire.Time(o.UpdatedAt));
}

/// <summary>The body of POST /orders: the order and the fills it made on arrival.</summary>
public sealed record PlaceOrderResponse(OrderResponse Order, IReadOnlyList<TradeResponse> Trades);

/// <summary>The body of GET and DELETE /orders/{order_id}.</summary>
public sealed record OrderEnvelope(OrderResponse Order);
