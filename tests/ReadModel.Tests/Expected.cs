using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ReadModel.Tests;

/// <summary>
/// The figures recomputed from the trades themselves with LINQ, sharing no code with the read model (its own
/// interval alignment from calendar fields, its own ordering by the number parsed from the id).
/// </summary>
public static class Expected
{
    public static List<Candle> Candles(IEnumerable<Trade> trades, CandleInterval interval) =>
    [
        .. trades.GroupBy(t => Open(t.ExecutedAt, interval)).OrderBy(g => g.Key).Select(g =>
        {
            var ordered = g.OrderBy(Number).ToList();
            return new Candle(g.Key, g.Key + Length(interval) - TimeSpan.FromMilliseconds(1), ordered[0].Price, g.Max(t => t.Price),
                g.Min(t => t.Price), ordered[^1].Price, g.Sum(t => t.Quantity), g.Sum(t => t.Price * t.Quantity), g.Count());
        }),
    ];

    public static MarketStats Stats(string symbol, IReadOnlyCollection<Trade> trades, DateTimeOffset now)
    {
        var lastMinute = Open(now, CandleInterval.OneMinute);
        var day = trades.Where(t => Open(t.ExecutedAt, CandleInterval.OneMinute) > lastMinute.AddDays(-1) && t.ExecutedAt < lastMinute.AddMinutes(1)).ToList();
        var volume = day.Sum(t => t.Quantity);
        var value = day.Sum(t => t.Price * t.Quantity);
        return new MarketStats(symbol, day.Count, volume, value, volume == 0 ? null : value / volume,
            day.Count == 0 ? null : day.Max(t => t.Price), day.Count == 0 ? null : day.Min(t => t.Price),
            new MarketTotals(trades.Count, trades.Sum(t => t.Quantity), trades.Sum(t => t.Price * t.Quantity),
                trades.Count == 0 ? null : trades.Min(t => t.ExecutedAt)),
            now);
    }

    public static long Number(Trade trade) => long.Parse(trade.TradeId[(trade.TradeId.LastIndexOf(".T", StringComparison.Ordinal) + 2)..]);

    private static DateTimeOffset Open(DateTimeOffset at, CandleInterval interval)
    {
        var u = at.UtcDateTime;
        var start = interval switch
        {
            CandleInterval.OneDay => u.Date,
            CandleInterval.OneHour => new DateTime(u.Year, u.Month, u.Day, u.Hour, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(u.Year, u.Month, u.Day, u.Hour, u.Minute - (u.Minute % (int)Length(interval).TotalMinutes), 0, DateTimeKind.Utc),
        };
        return new DateTimeOffset(start);
    }

    private static TimeSpan Length(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => TimeSpan.FromMinutes(1),
        CandleInterval.FiveMinutes => TimeSpan.FromMinutes(5),
        CandleInterval.FifteenMinutes => TimeSpan.FromMinutes(15),
        CandleInterval.OneHour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };
}
