using System.Text.Json.Serialization;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Markets;

public sealed record TickerResponse(
    string Symbol,
    string? LastPrice,
    string? BestBid,
    string? BestAsk,
    [property: JsonPropertyName("volume_24h")] string Volume24h,
    [property: JsonPropertyName("high_24h")] string? High24h,
    [property: JsonPropertyName("low_24h")] string? Low24h,
    [property: JsonPropertyName("change_percent_24h")] string? ChangePercent24h)
{
    public static TickerResponse From(Ticker t, MarketSpec m) => new(t.Symbol, Wire.Decimal(t.LastPrice, m.PriceDecimals),
        Wire.Decimal(t.BestBid, m.PriceDecimals), Wire.Decimal(t.BestAsk, m.PriceDecimals), Wire.Decimal(t.Volume24h, m.QuantityDecimals),
        Wire.Decimal(t.High24h, m.PriceDecimals), Wire.Decimal(t.Low24h, m.PriceDecimals), Wire.Decimal(t.ChangePercent24h, 2));
}
