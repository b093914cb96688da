using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Settlement;

/// <summary>API.md's <c>settlement</c>. Amounts are exact: price and quantity at the market's scale, the value and fees
/// at the scale their products carry (never rounded).</summary>
public sealed record SettlementResponse(string TradeId, string Symbol, string Status, string BuyerId, string SellerId, string Price,
    string Quantity, string Value, string BuyerFee, string SellerFee, IReadOnlyDictionary<string, long> FencingTokens, int Attempts,
    string CreatedAt, string? SettledAt)
{
    public static SettlementResponse From(TradeSettlement s, MarketSpec? spec) => new(s.TradeId, s.Symbol,
        s.Status == SettlementStatus.Settled ? "settled" : "pending", s.BuyerId, s.SellerId,
        spec is null ? Wire.Exact(s.Price)! : Wire.Decimal(s.Price, spec.PriceDecimals),
        spec is null ? Wire.Exact(s.Quantity)! : Wire.Decimal(s.Quantity, spec.QuantityDecimals),
        Wire.Exact(s.Value)!, Wire.Exact(s.BuyerFee)!, Wire.Exact(s.SellerFee)!, s.FencingTokens, s.Attempts, Wire.Time(s.CreatedAt),
        s.SettledAt is { } at ? Wire.Time(at) : null);
}
