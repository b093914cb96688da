using GridTokenX.Redis.Money;

namespace GridTokenX.Redis.Tests.Money;

/// <summary>Writes as the system's callers make them (deposits, reservations, trade settlement, releases).</summary>
public static class MoneyWrites
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static MoneyWrite Deposit(string account, string asset, decimal amount, string id, DateTimeOffset? at = null, params FenceCheck[] fences) =>
        new("deposit:" + id, $"{account}|{asset}|{amount}", [new MoneyLeg(account, asset, LedgerKinds.Deposit, amount, 0m, id)], fences, [],
            new Dictionary<string, decimal> { [asset] = amount }, "deposit " + id, at ?? T0);

    public static MoneyWrite Reserve(string account, string order, string asset, decimal amount, DateTimeOffset? at = null) =>
        new("reserve:" + order, $"{account}|{asset}|{amount}", [new MoneyLeg(account, asset, LedgerKinds.Reserve, -amount, amount, order)], [],
            [new ReservationChange(account, order, asset, amount)], new Dictionary<string, decimal>(), "reserved " + order, at ?? T0);

    public static MoneyWrite Release(string account, string order, string asset, decimal amount, string? operation = null, DateTimeOffset? at = null) =>
        new(operation ?? "release:" + order, $"{account}|{asset}|{amount}", [new MoneyLeg(account, asset, LedgerKinds.Release, amount, -amount, order)], [],
            [new ReservationChange(account, order, asset, -amount)], new Dictionary<string, decimal>(), "released " + order, at ?? T0);

    /// <summary>API.md "Settlement" for a fill at the limit price (nothing freed back to the buyer).</summary>
    public static MoneyWrite Trade(string trade, string buyer, string buyOrder, string seller, string sellOrder, decimal price, decimal quantity,
        decimal feeRate, DateTimeOffset? at = null, params FenceCheck[] fences)
    {
        var value = price * quantity;
        var buyerCost = value * (1 + feeRate);
        var sellerGets = value * (1 - feeRate);
        var fee = 2 * value * feeRate;
        return new MoneyWrite("trade:" + trade, $"{buyer}|{seller}|{price}|{quantity}",
        [
            new MoneyLeg(buyer, Assets.Usd, LedgerKinds.Trade, 0m, -buyerCost, trade),
            new MoneyLeg(buyer, Assets.Kwh, LedgerKinds.Trade, quantity, 0m, trade),
            new MoneyLeg(seller, Assets.Kwh, LedgerKinds.Trade, 0m, -quantity, trade),
            new MoneyLeg(seller, Assets.Usd, LedgerKinds.Trade, sellerGets, 0m, trade),
            new MoneyLeg(SystemAccounts.Fees, Assets.Usd, LedgerKinds.Fee, fee, 0m, trade),
        ], fences,
        [new ReservationChange(buyer, buyOrder, Assets.Usd, -buyerCost), new ReservationChange(seller, sellOrder, Assets.Kwh, -quantity)],
        new Dictionary<string, decimal>(), "settled " + trade, at ?? T0);
    }
}
