using System.Text.Json.Serialization;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ApiHost.History;

public sealed record CandleResponse(string OpenTime, string CloseTime, string Open, string High, string Low, string Close, string Volume,
    string Value, long Trades)
{
    // value = Σ price × quantity is exact at its own scale (price decimals + quantity decimals), so it is not re-scaled.
    public static CandleResponse From(Candle c, MarketSpec m) => new(Wire.Time(c.OpenTime), Wire.Time(c.CloseTime),
        Wire.Decimal(c.Open, m.PriceDecimals), Wire.Decimal(c.High, m.PriceDecimals), Wire.Decimal(c.Low, m.PriceDecimals),
        Wire.Decimal(c.Close, m.PriceDecimals), Wire.Decimal(c.Volume, m.QuantityDecimals), Wire.Exact(c.Value)!, c.Trades);
}

public sealed record MarketTotalsResponse(long Trades, string Volume, string Value, string? FirstTradeAt);

public sealed record MarketStatsResponse(
    string Symbol,
    [property: JsonPropertyName("trades_24h")] long Trades24h,
    [property: JsonPropertyName("volume_24h")] string Volume24h,
    [property: JsonPropertyName("value_24h")] string Value24h,
    [property: JsonPropertyName("vwap_24h")] string? Vwap24h,
    [property: JsonPropertyName("high_24h")] string? High24h,
    [property: JsonPropertyName("low_24h")] string? Low24h,
    MarketTotalsResponse AllTime,
    string AsOf)
{
    public static MarketStatsResponse From(MarketStats s, MarketSpec m) => new(s.Symbol, s.Trades24h,
        Wire.Decimal(s.Volume24h, m.QuantityDecimals), Wire.Exact(s.Value24h)!, Wire.Exact(s.Vwap24h),
        Wire.Decimal(s.High24h, m.PriceDecimals), Wire.Decimal(s.Low24h, m.PriceDecimals),
        new MarketTotalsResponse(s.AllTime.Trades, Wire.Decimal(s.AllTime.Volume, m.QuantityDecimals), Wire.Exact(s.AllTime.Value)!,
            s.AllTime.FirstTradeAt is { } first ? Wire.Time(first) : null),
        Wire.Time(s.AsOf));
}

public sealed record TokenResponse(
    string Asset,
    string TotalMinted,
    long Mints,
    long Holders,
    [property: JsonPropertyName("mints_24h")] long Mints24h,
    string? LastMintAt,
    string AsOf)
{
    public static TokenResponse From(TokenMetadata t) => new(t.Asset, Wire.Exact(t.TotalMinted)!, t.Mints, t.Holders, t.Mints24h,
        t.LastMintAt is { } last ? Wire.Time(last) : null, Wire.Time(t.AsOf));
}

public sealed record ProfileResponse(string UserId, string? FirstSeenAt, long Orders, long Trades, string VolumeBought, string VolumeSold,
    string KwhMinted, long Meters, string AsOf)
{
    public static ProfileResponse From(UserProfile p) => new(p.UserId, p.FirstSeenAt is { } first ? Wire.Time(first) : null, p.Orders, p.Trades,
        Wire.Exact(p.VolumeBought)!, Wire.Exact(p.VolumeSold)!, Wire.Exact(p.KwhMinted)!, p.Meters, Wire.Time(p.AsOf));
}
