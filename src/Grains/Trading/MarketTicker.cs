using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading;

/// <summary>A market's last price and 24-hour statistics, computed from its trades on demand.</summary>
public static class MarketTicker
{
    /// <summary>Last price and 24-hour statistics as of <paramref name="now"/>.</summary>
    public static Ticker Ticker(this Market market, DateTimeOffset now)
    {
        var spec = market.Spec;
        var trades = market.Trades;
        long volume = 0;
        long? high = null, low = null;
        for (var i = market.FirstTradeOfDay(now); i < trades.Count; i++)
        {
            var t = trades[i];
            volume += t.QuantityLots;
            high = Math.Max(high ?? long.MinValue, t.PriceTicks);
            low = Math.Min(low ?? long.MaxValue, t.PriceTicks);
        }

        long? last = trades.Count > 0 ? trades[^1].PriceTicks : null;
        return new Ticker(spec.Symbol, last is { } lp ? spec.ToPrice(lp) : null,
            market.BestBidTicks is { } bid ? spec.ToPrice(bid) : null, market.BestAskTicks is { } ask ? spec.ToPrice(ask) : null,
            spec.ToQuantity(volume), high is { } h ? spec.ToPrice(h) : null, low is { } lo ? spec.ToPrice(lo) : null, market.ChangePercent24h(now));
    }

    /// <summary>
    /// Change of the last price against the last price before the 24-hour window opened (or the window's first
    /// trade), in percent with two decimals; O(1) amortised.
    /// </summary>
    public static decimal? ChangePercent24h(this Market market, DateTimeOffset now)
    {
        var trades = market.Trades;
        if (trades.Count == 0) return null;
        var start = market.FirstTradeOfDay(now);
        var reference = start > 0 ? trades[start - 1].PriceTicks : trades[0].PriceTicks;
        var last = trades[^1].PriceTicks;
        return reference == 0 ? null : decimal.Round((decimal)(last - reference) * 100m / reference, 2, MidpointRounding.ToEven);
    }
}
