using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Markets;

public sealed record MarketResponse(string Symbol, string TickSize, string LotSize, string MinPrice, string MaxPrice, string MinQuantity,
    string MaxQuantity)
{
    public static MarketResponse From(MarketSpec m) => new(m.Symbol, Wire.Decimal(m.TickSize, m.PriceDecimals),
        Wire.Decimal(m.LotSize, m.QuantityDecimals), Wire.Decimal(m.MinPrice, m.PriceDecimals), Wire.Decimal(m.MaxPrice, m.PriceDecimals),
        Wire.Decimal(m.MinQuantity, m.QuantityDecimals), Wire.Decimal(m.MaxQuantity, m.QuantityDecimals));
}
