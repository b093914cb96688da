namespace GridTokenX.Grains.Abstractions.Settlement;

/// <summary>
/// A trade's settlement (API.md "Settlement"). Settled means the buyer's, the seller's and the fees account already
/// show it; <see cref="FencingTokens"/> are the account locks' tokens it was written under (empty while pending).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.settlement.TradeSettlement")]
public sealed record TradeSettlement(
    [property: Id(0)] string TradeId,
    [property: Id(1)] string Symbol,
    [property: Id(2)] SettlementStatus Status,
    [property: Id(3)] string BuyerId,
    [property: Id(4)] string SellerId,
    [property: Id(5)] decimal Price,
    [property: Id(6)] decimal Quantity,
    [property: Id(7)] decimal Value,
    [property: Id(8)] decimal BuyerFee,
    [property: Id(9)] decimal SellerFee,
    [property: Id(10)] IReadOnlyDictionary<string, long> FencingTokens,
    [property: Id(11)] int Attempts,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset? SettledAt);
