using System.Globalization;
using System.Text.Json;
using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Settlement;

/// <summary>
/// The one store write that settles a trade (API.md "Settlement"), and the settlement it records. For price p,
/// quantity q, value v = p × q, the buy's limit L and fee rates fb, fs (each order's own):
/// the buyer's reservation gives up exactly L × q × (1 + fb) (v to the trade, v × fb as fee, and the price
/// improvement (L × q × (1 + fb) − v − v × fb) back to available) and gains q KWH; the seller's KWH reservation gives
/// up q and gains v − v × fs USD; the fees account gains both fees. Every leg is exact decimal arithmetic, so the sum
/// over all accounts does not move.
/// </summary>
public static class TradeSettlementWrite
{
    private static readonly IReadOnlyDictionary<string, decimal> NoSources = new Dictionary<string, decimal>();

    public static string OperationId(string tradeId) => "trade:" + tradeId;

    /// <summary>The settlement as it stands before it is applied (pending, no tokens).</summary>
    public static TradeSettlement Pending(SettleableTrade t, int attempts)
    {
        var (value, buyerFee, sellerFee) = Amounts(t);
        return new TradeSettlement(t.TradeId, t.Symbol, SettlementStatus.Pending, t.BuyerId, t.SellerId, t.Price, t.Quantity, value,
            buyerFee, sellerFee, new Dictionary<string, long>(), attempts, t.ExecutedAt, null);
    }

    /// <param name="tokens">Fencing token of each party's account lock, by account id.</param>
    public static (MoneyWrite Write, TradeSettlement Settled) Build(SettleableTrade t, IReadOnlyDictionary<string, long> tokens, int attempts,
        DateTimeOffset at)
    {
        var (value, buyerFee, sellerFee) = Amounts(t);
        var spent = t.BuyLimit * t.Quantity * (1m + t.BuyFeeRate!.Value);
        var improvement = spent - value - buyerFee;
        var reference = t.TradeId;

        var legs = new List<MoneyLeg>(8)
        {
            new(t.BuyerId, Assets.Usd, LedgerKinds.Trade, 0m, -value, reference),
            new(t.BuyerId, Assets.Usd, LedgerKinds.Fee, 0m, -buyerFee, reference),
        };
        if (improvement != 0m) legs.Add(new(t.BuyerId, Assets.Usd, LedgerKinds.Release, improvement, -improvement, reference));
        legs.Add(new(t.BuyerId, Assets.Kwh, LedgerKinds.Trade, t.Quantity, 0m, reference));
        legs.Add(new(t.SellerId, Assets.Kwh, LedgerKinds.Trade, 0m, -t.Quantity, reference));
        // Credit before debit, so the seller's fee never takes available below zero on the way.
        legs.Add(new(t.SellerId, Assets.Usd, LedgerKinds.Trade, value, 0m, reference));
        legs.Add(new(t.SellerId, Assets.Usd, LedgerKinds.Fee, -sellerFee, 0m, reference));
        legs.Add(new(SystemAccounts.Fees, Assets.Usd, LedgerKinds.Fee, buyerFee + sellerFee, 0m, reference));

        var fences = new List<FenceCheck>(2);
        var fencingTokens = new Dictionary<string, long>(2, StringComparer.Ordinal);
        foreach (var party in new[] { t.BuyerId, t.SellerId }.Distinct(StringComparer.Ordinal))
        {
            var resource = LockResources.Account(party);
            fences.Add(new FenceCheck(party, resource, tokens[party]));
            fencingTokens[resource] = tokens[party];
        }

        var settled = new TradeSettlement(t.TradeId, t.Symbol, SettlementStatus.Settled, t.BuyerId, t.SellerId, t.Price, t.Quantity, value,
            buyerFee, sellerFee, fencingTokens, attempts, t.ExecutedAt, at);
        var write = new MoneyWrite(OperationId(t.TradeId), Fingerprint(t), legs, fences,
            [new ReservationChange(t.BuyerId, t.BuyOrderId, Assets.Usd, -spent), new ReservationChange(t.SellerId, t.SellOrderId, Assets.Kwh, -t.Quantity)],
            NoSources, JsonSerializer.Serialize(settled, SettlementJson.Options), at);
        return (write, settled);
    }

    private static (decimal Value, decimal BuyerFee, decimal SellerFee) Amounts(SettleableTrade t)
    {
        var value = t.Price * t.Quantity;
        return (value, value * (t.BuyFeeRate ?? 0m), value * (t.SellFeeRate ?? 0m));
    }

    private static string Fingerprint(SettleableTrade t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.TradeId}|{t.BuyerId}|{t.SellerId}|{t.Price}|{t.Quantity}|{t.BuyLimit}|{t.BuyFeeRate}|{t.SellFeeRate}");
}
