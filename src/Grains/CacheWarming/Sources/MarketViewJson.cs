using System.Text.Json;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Views;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// Market views as the API writes them (API.md "Markets": snake_case, decimals as strings on the market's grid, RFC 3339
/// times), so a cached view is served as it is.
/// </summary>
public static class MarketViewJson
{
    public static string Ticker(Ticker t, MarketSpec m)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(m);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("symbol", t.Symbol);
            Decimal(json, "last_price", t.LastPrice, m.PriceDecimals);
            Decimal(json, "best_bid", t.BestBid, m.PriceDecimals);
            Decimal(json, "best_ask", t.BestAsk, m.PriceDecimals);
            Decimal(json, "volume_24h", t.Volume24h, m.QuantityDecimals);
            Decimal(json, "high_24h", t.High24h, m.PriceDecimals);
            Decimal(json, "low_24h", t.Low24h, m.PriceDecimals);
            Decimal(json, "change_percent_24h", t.ChangePercent24h, 2);
            json.WriteEndObject();
        });
    }

    public static string Book(OrderBookView b, MarketSpec m)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(m);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("symbol", b.Symbol);
            json.WriteNumber("sequence", b.Sequence);
            Levels(json, "bids", b.Bids, m);
            Levels(json, "asks", b.Asks, m);
            Decimal(json, "best_bid", b.BestBid, m.PriceDecimals);
            Decimal(json, "best_ask", b.BestAsk, m.PriceDecimals);
            Decimal(json, "spread", b.Spread, m.PriceDecimals);
            json.WriteString("timestamp", Time(b.Timestamp));
            json.WriteEndObject();
        });
    }

    /// <summary>Recent trades as price points, oldest first: <c>{symbol, points: [{price, quantity, executed_at}]}</c>.</summary>
    public static string PriceHistory(string symbol, IReadOnlyList<Trade> newestFirst, MarketSpec m)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(m);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("symbol", symbol);
            json.WriteStartArray("points");
            for (var i = newestFirst.Count - 1; i >= 0; i--)
            {
                var t = newestFirst[i];
                json.WriteStartObject();
                Decimal(json, "price", t.Price, m.PriceDecimals);
                Decimal(json, "quantity", t.Quantity, m.QuantityDecimals);
                json.WriteString("executed_at", Time(t.ExecutedAt));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static string Time(DateTimeOffset value) => ViewJson.Time(value);

    private static void Levels(Utf8JsonWriter json, string name, IReadOnlyList<BookLevel> levels, MarketSpec m)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartObject();
            Decimal(json, "price", level.Price, m.PriceDecimals);
            Decimal(json, "quantity", level.Quantity, m.QuantityDecimals);
            json.WriteNumber("orders", level.Orders);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Decimal(Utf8JsonWriter json, string name, decimal? value, int decimals) => ViewJson.OnGrid(json, name, value, decimals);

    private static string Write(Action<Utf8JsonWriter> write) => ViewJson.Write(write);
}
