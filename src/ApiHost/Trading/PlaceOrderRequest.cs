namespace GridTokenX.ApiHost.Trading;

/// <summary>
/// The documented shape of POST /api/v1/orders (for OpenAPI). The body is read by
/// <see cref="PlaceOrderRequestReader"/>, which also accepts price and quantity as JSON numbers.
/// </summary>
public sealed record PlaceOrderRequest(string Symbol, string Side, string Type, string? Price, string Quantity, string? TimeInForce,
    string? ClientOrderId);
