using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ReadModel.Tests;

public abstract partial class ReadModelContract
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Candles_and_stats_equal_an_independent_aggregation_of_random_trades(int seed)
    {
        var random = new Random(seed);
        var trades = RandomTrades(random, count: 400, span: TimeSpan.FromHours(30));
        await DeliverShuffledWithReplaysAsync(random, trades);

        var end = trades.Max(t => t.ExecutedAt);
        foreach (var interval in CandleIntervals.All)
            Assert.Equal(Expected.Candles(trades, interval), await Reader.GetCandlesAsync(Make.Market, interval, end, 1000, Ct));

        foreach (var now in new[] { end, end.AddHours(-3.5), end.AddMinutes(30), Make.T0.AddHours(24).AddSeconds(59) })
            Assert.Equal(Expected.Stats(Make.Market, trades, now), await Reader.GetMarketStatsAsync(Make.Market, now, Ct));
    }

    [Fact]
    public async Task Open_and_close_follow_trade_numbers_not_arrival()
    {
        // The last trade arrives first and the first trade last, each batch also out of order; then a replay.
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: [Make.Trade(4, 0.5m, 1m, Make.T0.AddSeconds(4)), Make.Trade(3, 3m, 1m, Make.T0.AddSeconds(1))])));
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 2, trades: [Make.Trade(2, 2m, 1m, Make.T0.AddSeconds(2)), Make.Trade(1, 1m, 1m, Make.T0.AddSeconds(3))])));
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 3, trades: [Make.Trade(1, 1m, 1m, Make.T0.AddSeconds(3)), Make.Trade(2, 2m, 1m, Make.T0.AddSeconds(2))])));

        var candle = Assert.Single(await Reader.GetCandlesAsync(Make.Market, CandleInterval.OneMinute, Make.T0.AddMinutes(5), 10, Ct));
        Assert.Equal(new Candle(Make.T0, Make.T0.AddSeconds(59.999), 1m, 3m, 0.5m, 0.5m, 4m, 6.5m, 4), candle);
    }

    [Fact]
    public async Task Candles_page_back_from_end_oldest_first_and_skip_empty_intervals()
    {
        var trades = new[] { 0, 1, 5, 6, 9 }.Select((minute, i) => Make.Trade(i + 1, 1m + i, 1m, Make.T0.AddMinutes(minute))).ToList();
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: trades)));

        var all = await Reader.GetCandlesAsync(Make.Market, CandleInterval.OneMinute, Make.T0.AddHours(1), 500, Ct);
        Assert.Equal([Make.T0, Make.T0.AddMinutes(1), Make.T0.AddMinutes(5), Make.T0.AddMinutes(6), Make.T0.AddMinutes(9)], all.Select(c => c.OpenTime));

        var window = await Reader.GetCandlesAsync(Make.Market, CandleInterval.OneMinute, Make.T0.AddMinutes(6), 2, Ct);
        Assert.Equal([Make.T0.AddMinutes(5), Make.T0.AddMinutes(6)], window.Select(c => c.OpenTime));

        var fiveMinutes = await Reader.GetCandlesAsync(Make.Market, CandleInterval.FiveMinutes, Make.T0.AddHours(1), 500, Ct);
        Assert.Equal([2L, 3L], fiveMinutes.Select(c => c.Trades));
        Assert.Empty(await Reader.GetCandlesAsync(Make.Other, CandleInterval.OneMinute, Make.T0.AddHours(1), 500, Ct));
        Assert.Empty(await Reader.GetCandlesAsync(Make.Market, CandleInterval.OneMinute, Make.T0.AddTicks(-1), 500, Ct));
    }

    [Fact]
    public async Task Sums_are_exact_decimals_never_doubles_or_rounded()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; 28 significant digits survive a round trip.
        var huge = 1234567890123.456789012345678m;
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades:
            [Make.Trade(1, 0.1m, 1m, Make.T0), Make.Trade(2, 0.2m, 1m, Make.T0), Make.Trade(3, 1m, huge, Make.T0.AddDays(2))])));

        var stats = await Reader.GetMarketStatsAsync(Make.Market, Make.T0, Ct);
        Assert.Equal(0.3m, stats.Value24h);
        Assert.Equal(0.15m, stats.Vwap24h);
        Assert.Equal(huge + 2m, stats.AllTime.Volume);
        Assert.Equal(huge + 0.3m, stats.AllTime.Value);
        Assert.Equal(huge, (await Reader.GetTradeAsync("ENERGY-USD.T3", Ct))!.Quantity);
    }

    [Fact]
    public async Task A_market_without_trades_has_empty_stats()
    {
        var stats = await Reader.GetMarketStatsAsync(Make.Market, Make.T0, Ct);

        Assert.Equal(new MarketStats(Make.Market, 0, 0m, 0m, null, null, null, MarketTotals.None, Make.T0), stats);
    }

    private static List<Trade> RandomTrades(Random random, int count, TimeSpan span)
    {
        var times = Enumerable.Range(0, count).Select(_ => Make.T0.AddTicks((long)(random.NextDouble() * span.Ticks))).Order().ToList();
        return
        [
            .. times.Select((at, i) => Make.Trade(i + 1, random.Next(100, 100_000) * 0.0001m, random.Next(1, 5_000_000) * 0.001m, at,
                buyer: $"u{random.Next(5)}", seller: $"u{5 + random.Next(5)}")),
        ];
    }

    /// <summary>Batches of random size, each shuffled, some carrying trades of earlier batches again; then whole batches redelivered.</summary>
    private async Task DeliverShuffledWithReplaysAsync(Random random, List<Trade> trades)
    {
        var batches = new List<ReadModelBatch>();
        for (var start = 0; start < trades.Count;)
        {
            var size = random.Next(1, 40);
            var items = trades.Skip(start).Take(size).ToList();
            if (start > 0 && random.Next(3) == 0) items.AddRange(trades.Take(start).OrderBy(_ => random.Next()).Take(random.Next(1, 10)));
            batches.Add(Make.Batch(Make.Market, batches.Count + 1, trades: items.OrderBy(_ => random.Next())));
            start += size;
        }

        foreach (var batch in batches)
        {
            Assert.True(await WriteAsync(batch));
            if (random.Next(4) == 0) Assert.False(await WriteAsync(batches[random.Next(batches.IndexOf(batch) + 1)]));
        }
    }
}
