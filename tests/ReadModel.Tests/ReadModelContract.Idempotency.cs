using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Storage;
using GridTokenX.ReadModel.Writing;

namespace GridTokenX.ReadModel.Tests;

public abstract partial class ReadModelContract
{
    [Fact]
    public async Task A_redelivered_batch_changes_nothing()
    {
        var batch = Make.Batch(Make.Market, 1,
            trades: [Make.Trade(1, 0.1250m, 2.000m, Make.T0), Make.Trade(2, 0.1300m, 1.500m, Make.T0.AddSeconds(5))],
            orders: [Make.Order(2, "alice", Make.T0, OrderStatus.Filled), Make.Order(3, "bob", Make.T0)]);

        Assert.True(await WriteAsync(batch));
        var stats = await Reader.GetMarketStatsAsync(Make.Market, Make.T0.AddMinutes(1), Ct);
        var alice = await Reader.GetUserProfileAsync("alice", Make.T0, Ct);

        Assert.False(await WriteAsync(batch));
        Assert.False(await WriteAsync(batch with { }));

        Assert.Equal(stats, await Reader.GetMarketStatsAsync(Make.Market, Make.T0.AddMinutes(1), Ct));
        Assert.Equal(alice, await Reader.GetUserProfileAsync("alice", Make.T0, Ct));
        Assert.Equal(2, stats.AllTime.Trades);
        Assert.Equal(1, alice.Orders);
        Assert.Equal(2, (await Reader.GetMarketTradesAsync(Make.Market, Page.First(10), Ct)).Count);
        Assert.Equal(1L, await Writer.GetPositionAsync(Make.Market, Ct));
    }

    [Fact]
    public async Task A_batch_at_an_older_position_is_skipped_with_everything_in_it()
    {
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 5, trades: [Make.Trade(1, 1m, 1m, Make.T0)])));

        Assert.False(await WriteAsync(Make.Batch(Make.Market, 3, trades: [Make.Trade(2, 2m, 1m, Make.T0)], orders: [Make.Order(9, "carol", Make.T0)])));
        Assert.False(await WriteAsync(Make.Batch(Make.Market, 5, trades: [Make.Trade(3, 3m, 1m, Make.T0)])));

        Assert.Null(await Reader.GetTradeAsync("ENERGY-USD.T2", Ct));
        Assert.Null(await Reader.GetTradeAsync("ENERGY-USD.T3", Ct));
        Assert.Null(await Reader.GetOrderAsync("ENERGY-USD.9", Ct));
        Assert.Equal(0, (await Reader.GetUserProfileAsync("carol", Make.T0, Ct)).Orders);
        Assert.Equal(1, (await Reader.GetMarketStatsAsync(Make.Market, Make.T0, Ct)).AllTime.Trades);
        Assert.Equal(5L, await Writer.GetPositionAsync(Make.Market, Ct));
    }

    [Fact]
    public async Task Items_repeated_in_later_batches_are_counted_once()
    {
        var trades = Enumerable.Range(1, 5).Select(n => Make.Trade(n, 0.1m * n, 1.001m, Make.T0.AddSeconds(n))).ToList();

        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: trades[..3])));
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 2, trades: [.. trades[1..], trades[1]])));

        var stats = await Reader.GetMarketStatsAsync(Make.Market, Make.T0.AddMinutes(1), Ct);
        Assert.Equal(Expected.Stats(Make.Market, trades, Make.T0.AddMinutes(1)), stats);
        var profile = await Reader.GetUserProfileAsync("alice", Make.T0, Ct);
        Assert.Equal(5, profile.Trades);
        Assert.Equal(5.005m, profile.VolumeBought);
    }

    [Fact]
    public async Task Each_source_keeps_its_own_position()
    {
        Assert.Null(await Writer.GetPositionAsync(Make.Market, Ct));

        Assert.True(await WriteAsync(Make.Batch(Make.Market, 100)));
        Assert.True(await WriteAsync(Make.Batch(Make.Other, 1)));
        Assert.True(await WriteAsync(Make.Batch("mints", 0)));
        Assert.True(await WriteAsync(Make.Batch(Make.Other, 2)));

        Assert.Equal(100L, await Writer.GetPositionAsync(Make.Market, Ct));
        Assert.Equal(2L, await Writer.GetPositionAsync(Make.Other, Ct));
        Assert.Equal(0L, await Writer.GetPositionAsync("mints", Ct));
        Assert.Null(await Writer.GetPositionAsync("unknown", Ct));
    }

    [Fact]
    public async Task The_same_batch_written_at_once_by_two_writers_is_stored_once()
    {
        var batch = Make.Batch(Make.Market, 7, trades: Enumerable.Range(1, 20).Select(n => Make.Trade(n, 1m, 1m, Make.T0)));
        await using var secondDatabase = new ReadModelDatabase(OpenDialect());
        var second = new ReadModelWriter(secondDatabase, TimeProvider.System);

        var results = await Task.WhenAll(WriteAsync(batch), second.WriteAsync(batch, Ct));

        Assert.Single(results, applied => applied);
        Assert.Equal(20, (await Reader.GetMarketStatsAsync(Make.Market, Make.T0, Ct)).AllTime.Trades);
    }

    [Fact]
    public async Task Writers_of_different_sources_add_to_the_same_profiles_without_losing_an_update()
    {
        // Two markets' consumers at once, both touching the same users' profiles in every batch.
        await using var secondDatabase = new ReadModelDatabase(OpenDialect());
        var second = new ReadModelWriter(secondDatabase, TimeProvider.System);
        async Task Run(IReadModelWriter writer, string symbol)
        {
            for (var position = 1; position <= 15; position++)
            {
                var trades = Enumerable.Range(1, 4).Select(i => Make.Trade((position * 10) + i, 0.5m, 0.001m, Make.T0, "alice", "bob", symbol));
                await writer.WriteAsync(Make.Batch(symbol, position, trades: trades), Ct);
            }
        }

        await Task.WhenAll(Run(Writer, Make.Market), Run(second, Make.Other));

        var alice = await Reader.GetUserProfileAsync("alice", Make.T0, Ct);
        var bob = await Reader.GetUserProfileAsync("bob", Make.T0, Ct);
        Assert.Equal(120, alice.Trades);
        Assert.Equal(0.120m, alice.VolumeBought);
        Assert.Equal(120, bob.Trades);
        Assert.Equal(0.120m, bob.VolumeSold);
    }

    [Fact]
    public async Task A_malformed_batch_is_refused_and_writes_nothing()
    {
        var wrongSymbol = Make.Trade(1, 1m, 1m, Make.T0) with { Symbol = Make.Other };
        var badId = Make.Trade(1, 1m, 1m, Make.T0) with { TradeId = "ENERGY-USD-1" };

        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Make.Batch(Make.Market, 1, trades: [Make.Trade(2, 1m, 1m, Make.T0), wrongSymbol])));
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Make.Batch(Make.Market, 1, trades: [badId])));
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Make.Batch("", 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(Make.Batch(Make.Market, -1)));

        Assert.Null(await Writer.GetPositionAsync(Make.Market, Ct));
        Assert.Null(await Reader.GetTradeAsync("ENERGY-USD.T2", Ct));
    }
}
