using System.Globalization;

namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>
/// Order ids are "{symbol}.{n}" and trade ids "{symbol}.T{n}", n counting up per market, so any host can route
/// an id to its market's grain without a lookup. Clients treat them as opaque strings.
/// </summary>
public static class OrderIds
{
    public static string Order(string symbol, long number) => string.Create(CultureInfo.InvariantCulture, $"{symbol}.{number}");

    public static string Trade(string symbol, long number) => string.Create(CultureInfo.InvariantCulture, $"{symbol}.T{number}");

    public static bool TryParseOrder(string? orderId, out string symbol, out long number) =>
        TryParse(orderId, prefix: "", out symbol, out number);

    public static bool TryParseTrade(string? tradeId, out string symbol, out long number) =>
        TryParse(tradeId, prefix: "T", out symbol, out number);

    private static bool TryParse(string? id, string prefix, out string symbol, out long number)
    {
        symbol = "";
        number = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 64) return false;
        var dot = id.LastIndexOf('.');
        if (dot <= 0) return false;
        var tail = id.AsSpan(dot + 1);
        if (!tail.StartsWith(prefix, StringComparison.Ordinal)) return false;
        tail = tail[prefix.Length..];
        if (tail.Length == 0 || tail[0] == '0' || !long.TryParse(tail, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            return false;
        var candidate = id[..dot];
        if (!MarketSpec.IsValidSymbol(candidate))
        {
            number = 0;
            return false;
        }

        symbol = candidate;
        return true;
    }
}
