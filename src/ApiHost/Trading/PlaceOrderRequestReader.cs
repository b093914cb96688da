using System.Globalization;
using System.Text.Json;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Trading;

/// <summary>
/// Turns a POST /orders body into a command, or into every problem it has, field by field. Decimals are taken
/// exactly as written (string or JSON number) and a value off the market's grid is refused, never rounded.
/// </summary>
public static class PlaceOrderRequestReader
{
    public const int MaxClientOrderIdLength = 64;

    public sealed record Result(PlaceOrderCommand? Command, Dictionary<string, string[]> Errors, bool UnknownSymbolOnly);

    public static Result Read(JsonElement body, string userId, MarketCatalog catalog)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var symbol = RequestFields.RequiredString(body, "symbol", errors);
        var side = Enum(body, "side", errors, required: true, ("buy", OrderSide.Buy), ("sell", OrderSide.Sell));
        var type = Enum(body, "type", errors, required: true, ("limit", OrderType.Limit), ("market", OrderType.Market));
        var tif = Enum(body, "time_in_force", errors, required: false, ("gtc", TimeInForce.Gtc), ("ioc", TimeInForce.Ioc), ("fok", TimeInForce.Fok));
        var price = JsonDecimals.ReadPositive(body, "price", errors);
        var quantity = JsonDecimals.ReadPositive(body, "quantity", errors);
        if (!body.TryGetProperty("quantity", out _)) errors["quantity"] = ["quantity is required."];
        var clientOrderId = ClientOrderId(body, errors);

        MarketSpec? spec = null;
        if (symbol is not null && !catalog.TryGet(symbol, out spec))
            errors["symbol"] = [$"Unknown symbol '{Http.Problems.Truncate(symbol)}'."];

        if (type == OrderType.Limit && price is null && !errors.ContainsKey("price")) errors["price"] = ["A limit order needs a price."];
        if (type == OrderType.Market && price is not null) errors["price"] = ["A market order must not have a price."];

        if (spec is not null && type is { } t && quantity is { } q && !errors.ContainsKey("price") && !errors.ContainsKey("quantity")
            && spec.Validate(t, price, q, out _, out _) is { } gridError)
        {
            errors[gridError.Field] = [gridError.Message];
        }

        if (errors.Count > 0) return new Result(null, errors, errors.Count == 1 && errors.ContainsKey("symbol") && symbol is not null);
        return new Result(
            new PlaceOrderCommand(userId, spec!.Symbol, side!.Value, type!.Value,
                type == OrderType.Market ? TimeInForce.Ioc : tif ?? TimeInForce.Gtc, price, quantity!.Value, clientOrderId),
            errors, false);
    }

    private static T? Enum<T>(JsonElement body, string name, Dictionary<string, string[]> errors, bool required, params (string Wire, T Value)[] allowed)
        where T : struct
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors[name] = [$"{name} is required."];
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        foreach (var (wire, v) in allowed)
        {
            if (text == wire) return v;
        }

        errors[name] = [$"{name} must be one of: {string.Join(", ", allowed.Select(a => a.Wire))}."];
        return null;
    }

    private static string? ClientOrderId(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty("client_order_id", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            errors["client_order_id"] = ["client_order_id must be a string."];
            return null;
        }

        var id = value.GetString()!;
        if (id.Length is 0 or > MaxClientOrderIdLength || id.Any(char.IsControl))
        {
            errors["client_order_id"] = [$"client_order_id must be 1 to {MaxClientOrderIdLength} printable characters."];
            return null;
        }

        return id;
    }
}
