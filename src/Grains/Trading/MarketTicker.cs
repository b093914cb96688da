using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// A market's last price and 24-hour statistics, from the figures it keeps as trades happen (<see cref="RollingDayStats"/>):
/// no scan of the day's trades per request.
/// </summary>
public static class MarketTicker
{
    /// <summary>Last price and 24-hour statistics as of <paramref name="now"/>.</summary>
    public static Ticker Ticker(this Market market, DateTimeOffset now)
    {
        var spec = market.Spec;
        var day = market.DayStatistics(now);
        return new Ticker(spec.Symbol, Price(spec, day.LastTicks), Price(spec, market.BestBidTicks), Price(spec, market.BestAskTicks),
            spec.ToQuantity(day.VolumeLots), Price(spec, day.HighTicks), Price(spec, day.LowTicks), ChangePercent(day));
    }

    /// <summary>
    /// Change of the last price against the last price before the 24-hour window opened (or the first trade, when none
    /// is that old), in percent with two decimals; O(1) amortised.
    /// </summary>
    public static decimal? ChangePercent24h(this Market market, DateTimeOffset now) => ChangePercent(market.DayStatistics(now));

    private static decimal? ChangePercent(DayStatistics day) =>
        day is { LastTicks: { } last, ReferenceTicks: { } reference } && reference != 0
            ? decimal.Round((decimal)(last - reference) * 100m / reference, 2, MidpointRounding.ToEven)
            : null;

    private static decimal? Price(MarketSpec spec, long? ticks) => ticks is { } t ? spec.ToPrice(t) : null;
}
