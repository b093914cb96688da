using System.Globalization;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

// The wire shapes of API.md, as a client reads them.

public sealed record OrderDto(string OrderId, string? ClientOrderId, string UserId, string Symbol, string Side, string Type,
    string TimeInForce, string? Price, string Quantity, string FilledQuantity, string RemainingQuantity, string? AveragePrice,
    string Status, string? CancelReason, string CreatedAt, string UpdatedAt)
{
    public bool IsOpen => Status is "open" or "partially_filled";
}

public sealed record TradeDto(string TradeId, string Symbol, string Price, string Quantity, string BuyOrderId, string SellOrderId,
    string BuyerId, string SellerId, string MakerSide, string ExecutedAt, string? Role);

public sealed record PlaceOrderResponseDto(OrderDto Order, List<TradeDto> Trades);

public sealed record OrderEnvelopeDto(OrderDto Order);

public sealed record BookLevelDto(string Price, string Quantity, int Orders);

public sealed record BookDto(string Symbol, long Sequence, List<BookLevelDto> Bids, List<BookLevelDto> Asks, string? BestBid,
    string? BestAsk, string? Spread, string Timestamp);

/// <summary>What a client sends to POST /api/v1/orders.</summary>
public sealed record PlaceOrderRequest(string Symbol, string Side, string Type, string? Price, string Quantity, string? TimeInForce,
    string? ClientOrderId)
{
    public Dictionary<string, object?> ToBody()
    {
        var body = new Dictionary<string, object?> { ["symbol"] = Symbol, ["side"] = Side, ["type"] = Type, ["quantity"] = Quantity };
        if (Price is not null) body["price"] = Price;
        if (TimeInForce is not null) body["time_in_force"] = TimeInForce;
        if (ClientOrderId is not null) body["client_order_id"] = ClientOrderId;
        return body;
    }

    public static PlaceOrderRequest Limit(string side, string price, string quantity, string tif = "gtc", string? clientOrderId = null,
        string symbol = "ENERGY-USD") =>
        new(symbol, side, "limit", price, quantity, tif, clientOrderId);

    public static PlaceOrderRequest Market(string side, string quantity, string? clientOrderId = null, string symbol = "ENERGY-USD") =>
        new(symbol, side, "market", null, quantity, null, clientOrderId);
}

public static class Dec
{
    public static decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static string Price(decimal value) => value.ToString("F4", CultureInfo.InvariantCulture);

    public static string Quantity(decimal value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
