using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Redis.Money;

namespace GridTokenX.Grains.Trading;

/// <summary>What an order must reserve before it can match, and what it leaves unspent (API.md "Reservations").</summary>
/// <remarks>
/// A buy reserves at its limit: <c>limit × quantity × (1 + fee)</c>. Each fill then spends exactly
/// <c>limit × q × (1 + fee)</c> of it (the buyer's cost and fee, plus the price improvement handed back by
/// settlement), so the part an order can no longer spend is <c>limit × unfilled × (1 + fee)</c> at any time, whether
/// or not its fills have settled yet. That lets the book release it the moment the order is final without waiting for
/// settlement, and the reservation still ends at exactly zero.
/// </remarks>
public static class OrderFunding
{
    /// <summary>The asset and amount an order reserves, or null when it reserves nothing (a market buy with no asks).</summary>
    public static (string Asset, decimal Amount)? Need(MarketSpec spec, OrderSide side, long limitTicks, long lots, decimal feeRate)
    {
        if (side == OrderSide.Sell) return (Assets.Kwh, spec.ToQuantity(lots));
        return limitTicks > 0 ? (Assets.Usd, BuyCost(spec, limitTicks, lots, feeRate)) : null;
    }

    /// <summary>What a buy of <paramref name="lots"/> at <paramref name="limitTicks"/> holds reserved.</summary>
    public static decimal BuyCost(MarketSpec spec, long limitTicks, long lots, decimal feeRate) =>
        spec.ToPrice(limitTicks) * spec.ToQuantity(lots) * (1m + feeRate);

    /// <summary>What a final order reserved and can no longer spend (zero for a complete fill, and while it is open).</summary>
    public static decimal Unspent(MarketSpec spec, TrackedOrder order)
    {
        var unfilled = order.Engine.Remaining;
        if (!order.IsFinal || order.FeeRate is not { } fee || unfilled <= 0) return 0m;
        if (order.Engine.Side == Matching.Side.Sell) return spec.ToQuantity(unfilled);
        return order.Engine.Price > 0 ? BuyCost(spec, order.Engine.Price, unfilled, fee) : 0m;
    }

    public static string AssetOf(OrderSide side) => side == OrderSide.Buy ? Assets.Usd : Assets.Kwh;
}
