using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Trading;

public record TradeResponse(string TradeId, string Symbol, string Price, string Quantity, string BuyOrderId, string SellOrderId,
    string BuyerId, string SellerId, string MakerSide, string ExecutedAt)
{
    public static TradeResponse From(Trade t, MarketSpec m) => new(t.TradeId, t.Symbol, Wire.Decimal(t.Price, m.PriceDecimals),
        Wire.Decimal(t.Quantity, m.QuantityDecimals), t.BuyOrderId, t.SellOrderId, t.BuyerId, t.SellerId, WireEnums.Side(t.MakerSide),
        Wire.Time(t.ExecutedAt));
}
