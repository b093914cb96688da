using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;
using static GridTokenX.ReadModel.Views.ViewJson;

namespace GridTokenX.ReadModel.Views;

/// <summary>
/// The read model's cached views as the API serves them (API.md: snake_case, decimals as strings, RFC 3339 times).
/// One writer for both the API host (on a cache miss) and the silo's cache warmers, so a warmed entry is byte for byte
/// what the route would have produced and is served as it is.
/// </summary>
public static class ReadModelViewJson
{
    /// <summary><c>GET /api/v1/markets/{symbol}/stats</c>.</summary>
    public static string MarketStats(MarketStats s, MarketSpec m)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(m);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("symbol", s.Symbol);
            json.WriteNumber("trades_24h", s.Trades24h);
            OnGrid(json, "volume_24h", s.Volume24h, m.QuantityDecimals);
            Exact(json, "value_24h", s.Value24h);
            Exact(json, "vwap_24h", s.Vwap24h);
            OnGrid(json, "high_24h", s.High24h, m.PriceDecimals);
            OnGrid(json, "low_24h", s.Low24h, m.PriceDecimals);
            json.WriteStartObject("all_time");
            json.WriteNumber("trades", s.AllTime.Trades);
            OnGrid(json, "volume", s.AllTime.Volume, m.QuantityDecimals);
            Exact(json, "value", s.AllTime.Value);
            Time(json, "first_trade_at", s.AllTime.FirstTradeAt);
            json.WriteEndObject();
            Time(json, "as_of", s.AsOf);
            json.WriteEndObject();
        });
    }

    /// <summary><c>GET /api/v1/account/profile</c>.</summary>
    public static string Profile(UserProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("user_id", p.UserId);
            Time(json, "first_seen_at", p.FirstSeenAt);
            json.WriteNumber("orders", p.Orders);
            json.WriteNumber("trades", p.Trades);
            Exact(json, "volume_bought", p.VolumeBought);
            Exact(json, "volume_sold", p.VolumeSold);
            Exact(json, "kwh_minted", p.KwhMinted);
            json.WriteNumber("meters", p.Meters);
            Time(json, "as_of", p.AsOf);
            json.WriteEndObject();
        });
    }
}
