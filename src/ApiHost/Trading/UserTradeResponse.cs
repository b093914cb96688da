using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Trading;

/// <summary>One of the caller's fills: the trade plus which side of it the caller was on.</summary>
public sealed record UserTradeResponse(string TradeId, string Symbol, string Price, string Quantity, string BuyOrderId, string SellOrderId,
    string BuyerId, string SellerId, string MakerSide, string ExecutedAt, string Role)
    : TradeResponse(TradeId, Symbol, Price, Quantity, BuyOrderId, SellOrderId, BuyerId, SellerId, MakerSide, ExecutedAt)
{
    public static UserTradeResponse From(Trade t, MarketSpec m, string userId)
    {
        var r = TradeResponse.From(t, m);
        return new UserTradeResponse(r.TradeId, r.Symbol, r.Price, r.Quantity, r.BuyOrderId, r.SellOrderId, r.BuyerId, r.SellerId,
            r.MakerSide, r.ExecutedAt, t.BuyerId == userId ? "buyer" : "seller");
    }
}
