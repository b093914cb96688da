using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>
/// A market over a real Redis journal, with its real read-model projector and settler: once they hold a day-old
/// history, the market's checkpoints trim it from Redis, and a new activation loads only what is retained.
/// </summary>
public sealed class HistoryTrimmingTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private RedisServer _redis = null!;
    private TestCluster? _cluster;

    private IOrderBookGrain Energy => _cluster!.GrainFactory.GetGrain<IOrderBookGrain>("ENERGY-USD");

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task History_the_read_model_holds_and_older_than_the_retention_leaves_Redis_and_a_new_activation_loads_only_the_rest()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString, snapshotEvery: 4, marketClock: _clock);
        var old = new List<PlaceOrderResult>();
        for (var i = 0; i < 10; i++) old.AddRange(await Pair($"old{i}"));
        var oldOrder = old[1].Order!;
        Assert.Equal("ENERGY-USD.T10", old[^1].Trades.Single().TradeId);
        await using var redis = await _redis.ConnectAsync();
        var db = redis.GetDatabase();
        var segmentsBefore = await db.ListLengthAsync("gtx:history:{ENERGY-USD}");
        Assert.True(segmentsBefore >= 4);

        // Two days later, with the projector and the settler running, new trades bring checkpoints that trim.
        _clock.Advance(TimeSpan.FromDays(2));
        var n = 0;
        // The market trims at a checkpoint it takes, and Redis once that checkpoint is written (with a later batch).
        var snapshot = await Eventually.Until(async () =>
        {
            await Pair($"new{n++}");
            return await Snapshot();
        }, s => s.TradesBefore >= 10, Deadline, "the day-old history to be trimmed once the read model and settlement hold it");

        Assert.True(snapshot.SegmentsBefore >= 5, $"{snapshot.SegmentsBefore} segments trimmed");
        Assert.True(snapshot.ReadModelPosition >= 20 && snapshot.SettledTrades >= 10);
        var kept = await db.ListLengthAsync("gtx:history:{ENERGY-USD}");
        Assert.Equal(snapshot.HistorySegments - snapshot.SegmentsBefore, kept);
        Assert.True(kept < snapshot.HistorySegments);
        Assert.Null(await Energy.GetOrder(old[0].Order!.UserId, old[0].Order!.OrderId));

        // A fresh activation loads the retained segments only, and numbering goes on.
        var trades = await Energy.GetTrades(1000);
        await _cluster.DeactivateAsync(Energy);
        var reloaded = await Energy.GetTrades(1000);
        Assert.Equal(trades, reloaded);
        Assert.All(reloaded, t => Assert.DoesNotContain(t.TradeId, old.SelectMany(o => o.Trades).Select(o => o.TradeId)));
        Assert.True(reloaded.Count <= snapshot.TradeCount - snapshot.TradesBefore + 4, $"{reloaded.Count} trades in memory");
        Assert.Null(await Energy.GetOrder(oldOrder.UserId, oldOrder.OrderId));
        var next = await Pair("after");
        Assert.Equal($"ENERGY-USD.T{int.Parse(trades[0].TradeId.Split(".T")[1], System.Globalization.CultureInfo.InvariantCulture) + 1}", next[1].Trades.Single().TradeId);
        Assert.Equal(next[1].Trades, (await Energy.GetTrades(1)));

        // A client_order_id whose order was trimmed no longer reaches its order; a retry is a new order, not a crash.
        var retry = await Energy.PlaceOrder(new PlaceOrderCommand(oldOrder.UserId, "ENERGY-USD", OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 0.1000m, 1m, "old0b"));
        Assert.Equal(PlaceOrderOutcome.Created, retry.Outcome);
    }

    /// <summary>A sell and a crossing buy (client order ids <c>{tag}s</c> and <c>{tag}b</c>): one trade.</summary>
    private async Task<PlaceOrderResult[]> Pair(string tag)
    {
        var sell = await Energy.PlaceOrder(new PlaceOrderCommand("seller", "ENERGY-USD", OrderSide.Sell, OrderType.Limit, TimeInForce.Gtc, 0.1000m, 1m, tag + "s"));
        var buy = await Energy.PlaceOrder(new PlaceOrderCommand("buyer", "ENERGY-USD", OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 0.1000m, 1m, tag + "b"));
        Assert.Equal((PlaceOrderOutcome.Created, PlaceOrderOutcome.Created), (sell.Outcome, buy.Outcome));
        return [sell, buy];
    }

    private async Task<MarketSnapshot> Snapshot()
    {
        var services = _cluster!.GetSiloServiceProvider(_cluster.Primary!.SiloAddress);
        var contents = await services.GetRequiredService<IJournalStore>().LoadAsync("ENERGY-USD", CancellationToken.None);
        return services.GetRequiredService<Serializer>().Deserialize<MarketSnapshot>(contents.Snapshot!.Value)!;
    }
}
