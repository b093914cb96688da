using System.Collections.Concurrent;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>Market events reach Orleans stream subscribers after they are durable, in order, and survive a crash via the journal.</summary>
public sealed class MarketEventsTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;

    private IOrderBookGrain Energy => _cluster.GrainFactory.GetGrain<IOrderBookGrain>("ENERGY-USD");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString, streams: true);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private Task<ConcurrentQueue<ChannelEvent>> Subscribe(string channel) => ChannelRecorder.RecordAsync(_cluster.Client, channel);

    private static PlaceOrderCommand Limit(string user, OrderSide side, decimal price, decimal qty) =>
        new(user, "ENERGY-USD", side, OrderType.Limit, TimeInForce.Gtc, price, qty, null);

    [Fact]
    public async Task Each_channel_gets_its_events_in_order()
    {
        var market = await Subscribe("market:ENERGY-USD");
        var aliceOrders = await Subscribe("orders:alice");
        var bobTrades = await Subscribe("trades:bob");

        await Energy.PlaceOrder(Limit("alice", OrderSide.Sell, 0.1250m, 10));
        await Energy.PlaceOrder(Limit("bob", OrderSide.Buy, 0.1300m, 4));
        await Energy.PlaceOrder(Limit("bob", OrderSide.Buy, 0.1300m, 6));
        await Energy.PlaceOrder(Limit("bob", OrderSide.Buy, 0.10005m, 1)); // rejected: publishes nothing

        await Eventually.Until(() => Task.FromResult(aliceOrders.Count >= 3 && bobTrades.Count >= 2 && market.Count(e => e.Type == EventTypes.OrderBookUpdate) >= 3),
            TimeSpan.FromSeconds(20), "the events of three orders");

        Assert.Equal([OrderStatus.Open, OrderStatus.PartiallyFilled, OrderStatus.Filled],
            aliceOrders.Select(e => ((OrderPayload)e.Data).Order.Status));
        Assert.Equal(["buyer", "buyer"], bobTrades.Select(e => ((TradeConfirmationPayload)e.Data).Role));
        var books = market.Where(e => e.Type == EventTypes.OrderBookUpdate).Select(e => ((BookUpdatePayload)e.Data).Sequence).ToList();
        Assert.Equal([1L, 2L, 3L], books);
        Assert.Equal(2, market.Count(e => e.Type == EventTypes.TradeExecuted));
        Assert.Equal(market.Count, market.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Events_a_crash_left_unpublished_are_published_by_the_next_activation()
    {
        await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 1));
        var zed = await Subscribe("orders:zed");

        // As if a silo died right after journaling zed's order and before publishing its events.
        var services = _cluster.GetSiloServiceProvider(_cluster.Primary!.SiloAddress);
        var serializer = services.GetRequiredService<Serializer>();
        var journaled = new PlaceCommand(2, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 2, "zed", null, OrderSide.Sell, OrderType.Limit,
            TimeInForce.Gtc, 1200, 5000);
        await _cluster.DeactivateAsync(Energy);
        await services.GetRequiredService<IJournalStore>()
            .AppendAsync("ENERGY-USD", 1, 2, serializer.SerializeToArray(new MarketBatch([journaled])), 1, null, CancellationToken.None);

        await Energy.GetBook(1);
        var received = await Eventually.Until(() => Task.FromResult(zed.ToArray()), e => e.Length >= 1, TimeSpan.FromSeconds(20),
            "zed's order update to be re-published");

        var update = Assert.Single(received);
        Assert.Equal(("ENERGY-USD:2:0", EventTypes.OrderUpdate, 2L), (update.Id, update.Type, update.Sequence));
        Assert.Equal("ENERGY-USD.2", ((OrderPayload)update.Data).Order.OrderId);
    }
}
