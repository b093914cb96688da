using GridTokenX.Grains.Trading;

namespace GridTokenX.Grains.Tests.Trading;

public sealed class RollingDayStatsTests
{
    private const long DayMs = 24 * 60 * 60 * 1000;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly long T0Ms = T0.ToUnixTimeMilliseconds();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2026)]
    public void Answers_as_a_scan_of_every_trade_would(int seed)
    {
        var random = new Random(seed);
        var stats = new RollingDayStats();
        var trades = new List<(long Ms, long Price, long Qty)>();
        var nowMs = T0Ms;
        var queries = 0;
        for (var step = 0; step < 6_000; step++)
        {
            if (random.Next(3) > 0)
            {
                // Few distinct prices, so equal highs and lows are common.
                var trade = (nowMs, (long)random.Next(1, 40), (long)random.Next(1, 1_000));
                trades.Add(trade);
                stats.Add(trade.Item1, trade.Item2, trade.Item3);
            }
            else
            {
                // Sub-millisecond ticks too: the window is cut on whole milliseconds.
                var now = DateTimeOffset.FromUnixTimeMilliseconds(nowMs).AddTicks(random.Next(10_000));
                Assert.Equal(Scan(trades, now), stats.At(now));
                queries++;
            }

            nowMs = Advance(random, nowMs, trades);
        }

        Assert.True(queries > 1_000 && trades.Count > 3_000);
        Assert.Equal(trades.Count(t => t.Ms >= nowMs - DayMs), stats.Count);
    }

    [Fact]
    public void An_empty_market_has_no_prices_and_no_volume()
    {
        Assert.Equal(new DayStatistics(0, null, null, null, null), new RollingDayStats().At(T0));
    }

    [Fact]
    public void With_every_trade_older_than_a_day_the_last_one_is_both_last_and_reference()
    {
        var stats = new RollingDayStats();
        stats.Add(T0Ms, 100, 5);
        stats.Add(T0Ms + 1_000, 120, 7);

        Assert.Equal(new DayStatistics(0, null, null, 120, 120), stats.At(T0.AddDays(2)));
        Assert.Equal(0, stats.Count);
    }

    [Fact]
    public void A_trade_exactly_a_day_old_is_in_and_one_a_millisecond_older_is_out()
    {
        var stats = new RollingDayStats();
        stats.Add(T0Ms, 100, 5);
        stats.Add(T0Ms + 1, 90, 7);

        Assert.Equal(new DayStatistics(12, 100, 90, 90, 100), stats.At(T0.AddDays(1)));
        Assert.Equal(new DayStatistics(12, 100, 90, 90, 100), stats.At(T0.AddDays(1).AddTicks(9_999))); // same millisecond
        Assert.Equal(new DayStatistics(7, 90, 90, 90, 100), stats.At(T0.AddDays(1).AddMilliseconds(1)));
    }

    [Fact]
    public void A_clock_that_steps_back_gets_the_latest_window_and_does_not_reopen_it()
    {
        var stats = new RollingDayStats();
        stats.Add(T0Ms, 100, 5);
        stats.Add(T0Ms + 3_600_000, 80, 7);
        var later = stats.At(T0.AddHours(24).AddMinutes(30));

        Assert.Equal(new DayStatistics(7, 80, 80, 80, 100), later);
        Assert.Equal(later, stats.At(T0.AddHours(24))); // the first trade would be back in a reopened window
        Assert.Equal(later, stats.At(T0));
    }

    [Fact]
    public void A_trade_moves_the_window_on_its_own_so_memory_stays_bounded_by_one_day_of_trades()
    {
        var stats = new RollingDayStats();
        for (var i = 0; i < 300_000; i++) stats.Add(T0Ms + i * 1_000L, 1_000 + i % 97, 1); // one a second for 3.5 days, nobody asking

        Assert.Equal(86_401, stats.Count);
        Assert.True(stats.Capacity <= 2 * stats.Count + 1_024, $"capacity {stats.Capacity}");
        Assert.Equal(new DayStatistics(0, null, null, 1_000 + 299_999 % 97, 1_000 + 299_999 % 97), stats.At(T0.AddDays(10)));
        Assert.Equal(3 * 8, stats.Capacity);
    }

    private static long Advance(Random random, long nowMs, List<(long Ms, long Price, long Qty)> trades) =>
        random.Next(10) switch
        {
            < 3 => nowMs,                                             // several trades in one millisecond
            < 6 => nowMs + random.Next(1, 60_000),
            < 8 => nowMs + random.Next(1, 4 * 3_600_000),
            8 => nowMs + random.Next(20 * 3_600_000, 30 * 3_600_000), // whole windows with nothing in them
            _ => trades.Count == 0 ? nowMs : Math.Max(nowMs, trades[random.Next(trades.Count)].Ms + DayMs + random.Next(-1, 2)), // on the boundary
        };

    private static DayStatistics Scan(List<(long Ms, long Price, long Qty)> trades, DateTimeOffset now)
    {
        if (trades.Count == 0) return default;
        var from = (now - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds();
        var inWindow = trades.Where(t => t.Ms >= from).ToList();
        var before = trades.LastOrDefault(t => t.Ms < from, (0, 0, 0));
        return new DayStatistics(inWindow.Sum(t => t.Qty), inWindow.Count > 0 ? inWindow.Max(t => t.Price) : null,
            inWindow.Count > 0 ? inWindow.Min(t => t.Price) : null, trades[^1].Price, before.Ms != 0 ? before.Price : trades[0].Price);
    }
}
