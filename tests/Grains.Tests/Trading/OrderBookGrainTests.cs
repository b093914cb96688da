using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>The order-book grain against a real Redis journal: durability, replay, idempotency, fencing, outages.</summary>
public sealed class OrderBookGrainTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestCluster? _cluster;

    private IOrderBookGrain Energy => _cluster!.GrainFactory.GetGrain<IOrderBookGrain>("ENERGY-USD");

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static PlaceOrderCommand Limit(string user, OrderSide side, decimal price, decimal qty, string? coid = null,
        TimeInForce tif = TimeInForce.Gtc, string symbol = "ENERGY-USD") =>
        new(user, symbol, side, OrderType.Limit, tif, price, qty, coid);

    [Fact]
    public async Task A_new_cluster_rebuilds_every_acknowledged_order_and_trade_from_snapshot_and_journal()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString, snapshotEvery: 7);
        var users = new[] { "alice", "bob", "carol" };
        for (var i = 0; i < 40; i++)
        {
            var result = await Energy.PlaceOrder(Limit(users[i % 3], i % 2 == 0 ? OrderSide.Sell : OrderSide.Buy, 0.1000m + (i % 5) * 0.0001m,
                1 + i % 4, tif: i % 9 == 0 ? TimeInForce.Ioc : TimeInForce.Gtc));
            Assert.Equal(PlaceOrderOutcome.Created, result.Outcome);
        }

        var cancel = await Energy.CancelOrder("alice", (await Energy.GetUserOrders("alice", openOnly: true, 1)).Single().OrderId);
        Assert.Equal(CancelOrderOutcome.Cancelled, cancel.Outcome);
        var before = await Observe();
        Assert.NotEmpty(before.Trades);

        await _cluster.DisposeAsync();
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString, snapshotEvery: 7);

        var after = await Observe();
        Assert.Equal(41, after.Book.Sequence);
        AssertSameState(before, after);
        await using var redis = await _redis.ConnectAsync();
        Assert.True(await redis.GetDatabase().KeyExistsAsync("gtx:snapshot:{ENERGY-USD}"));
        Assert.Equal(5, await redis.GetDatabase().ListLengthAsync("gtx:history:{ENERGY-USD}"));
        Assert.True(await redis.GetDatabase().StreamLengthAsync("gtx:journal:{ENERGY-USD}") < 7);
    }

    [Fact]
    public async Task Concurrent_placements_are_all_acknowledged_once_and_replay_identically()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString);
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            Energy.PlaceOrder(Limit($"u{i % 10}", i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, 0.1000m + (i % 7) * 0.0001m, 2, $"c{i}"))));

        Assert.All(results, r => Assert.Equal(PlaceOrderOutcome.Created, r.Outcome));
        Assert.Equal(300, results.Select(r => r.Order!.OrderId).Distinct().Count());
        var before = await Observe();

        await _cluster.DeactivateAsync(Energy);
        var after = await Observe();

        AssertSameState(before, after);
        Assert.Equal(300, after.Book.Sequence);
    }

    [Fact]
    public async Task A_repeated_client_order_id_returns_the_original_and_a_changed_one_is_refused_in_any_market()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString);
        await Energy.PlaceOrder(Limit("bob", OrderSide.Sell, 0.1000m, 1));
        var first = await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 3, "my-1"));

        var again = await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 3, "my-1"));
        var changed = await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1001m, 3, "my-1"));
        var otherMarket = await _cluster.GrainFactory.GetGrain<IOrderBookGrain>("SOLAR-USD")
            .PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 3, "my-1", symbol: "SOLAR-USD"));
        var otherUser = await Energy.PlaceOrder(Limit("carol", OrderSide.Buy, 0.1000m, 3, "my-1"));

        Assert.Equal(PlaceOrderOutcome.Created, first.Outcome);
        Assert.Equal(PlaceOrderOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.Order!.OrderId, again.Order!.OrderId);
        Assert.Equal(first.Trades, again.Trades);
        Assert.Single(first.Trades);
        Assert.Equal(PlaceOrderOutcome.ClientOrderIdConflict, changed.Outcome);
        Assert.Equal(PlaceOrderOutcome.ClientOrderIdConflict, otherMarket.Outcome);
        Assert.Equal(PlaceOrderOutcome.Created, otherUser.Outcome);
        Assert.Single(await Energy.GetUserOrders("alice", openOnly: false, 100));
        Assert.Empty(await _cluster.GrainFactory.GetGrain<IOrderBookGrain>("SOLAR-USD").GetUserOrders("alice", false, 100));
    }

    [Fact]
    public async Task Invalid_commands_are_rejected_and_change_nothing()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString);
        await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 1));

        var offTick = await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.10005m, 1));
        var wrongMarket = await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1m, 1, symbol: "SOLAR-USD"));

        Assert.Equal((PlaceOrderOutcome.Rejected, "price"), (offTick.Outcome, offTick.Error!.Field));
        Assert.Equal((PlaceOrderOutcome.Rejected, "symbol"), (wrongMarket.Outcome, wrongMarket.Error!.Field));
        Assert.Equal(1, (await Energy.GetBook(10)).Sequence);
    }

    [Fact]
    public async Task Nobody_sees_or_cancels_another_users_order()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString);
        var order = (await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 1))).Order!;

        Assert.Null(await Energy.GetOrder("bob", order.OrderId));
        Assert.Equal(CancelOrderOutcome.NotFound, (await Energy.CancelOrder("bob", order.OrderId)).Outcome);
        Assert.Equal(CancelOrderOutcome.NotFound, (await Energy.CancelOrder("alice", "SOLAR-USD.1")).Outcome);
        Assert.Equal(OrderStatus.Open, (await Energy.GetOrder("alice", order.OrderId))!.Status);

        Assert.Equal(CancelOrderOutcome.Cancelled, (await Energy.CancelOrder("alice", order.OrderId)).Outcome);
        var twice = await Energy.CancelOrder("alice", order.OrderId);
        Assert.Equal(CancelOrderOutcome.AlreadyFinal, twice.Outcome);
        Assert.Equal(CancelReason.UserRequested, twice.Order!.CancelReason);
    }

    [Fact]
    public async Task When_another_activation_has_written_the_journal_this_one_refuses_and_the_next_rebuilds_both()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString);
        var mine = (await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 1))).Order!;

        // A second activation (as during a membership change) journals an order of its own behind our back.
        var services = _cluster.GetSiloServiceProvider(_cluster.Primary!.SiloAddress);
        var serializer = services.GetRequiredService<Serializer>();
        var foreign = new PlaceCommand(2, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 2, "zed", null, OrderSide.Sell, OrderType.Limit,
            TimeInForce.Gtc, 1200, 5000);
        await services.GetRequiredService<IJournalStore>()
            .AppendAsync("ENERGY-USD", 1, 2, serializer.SerializeToArray(new MarketBatch([foreign])), 1, null, CancellationToken.None);

        await Assert.ThrowsAsync<MarketUnavailableException>(() => Energy.PlaceOrder(Limit("bob", OrderSide.Sell, 0.1300m, 1)));
        var retried = await Eventually.Until(() => Energy.PlaceOrder(Limit("bob", OrderSide.Sell, 0.1300m, 1)),
            r => r.Outcome == PlaceOrderOutcome.Created, TimeSpan.FromSeconds(30), "the market to rebuild after losing its journal");

        var book = await Energy.GetBook(10);
        Assert.Equal(3, book.Sequence);
        // The new activation numbers from a fresh block: no number the broken one could have handed out is reused.
        Assert.Equal("ENERGY-USD.1001", retried.Order!.OrderId);
        Assert.Equal([0.1200m, 0.1300m], book.Asks.Select(l => l.Price));
        Assert.Equal(mine.OrderId, (await Energy.GetUserOrders("alice", true, 10)).Single().OrderId);
    }

    [Fact]
    public async Task While_redis_is_down_nothing_is_acknowledged_and_afterwards_everything_acknowledged_is_there()
    {
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString);
        var kept = (await Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1000m, 1, "kept"))).Order!;

        _redis.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1001m, 1, "during")));
        await _redis.RestartAsync();

        var after = await Eventually.Until(() => Energy.PlaceOrder(Limit("alice", OrderSide.Buy, 0.1001m, 1, "during")),
            r => r.Outcome is PlaceOrderOutcome.Created or PlaceOrderOutcome.Duplicate, TimeSpan.FromSeconds(60), "the market to accept orders after Redis returns");

        var orders = await Energy.GetUserOrders("alice", openOnly: false, 10);
        Assert.Equal([after.Order!.OrderId, kept.OrderId], orders.Select(o => o.OrderId));
        Assert.Equal(["during", "kept"], orders.Select(o => o.ClientOrderId));
    }

    private async Task<State> Observe()
    {
        var users = new[] { "alice", "bob", "carol" };
        return new State(
            await Energy.GetBook(1000),
            await Energy.GetTrades(1000),
            await Task.WhenAll(users.Select(u => Energy.GetUserOrders(u, openOnly: false, 1000))),
            await Task.WhenAll(users.Select(u => Energy.GetUserTrades(u, 1000))));
    }

    private static void AssertSameState(State expected, State actual)
    {
        Assert.Equal(expected.Book.Sequence, actual.Book.Sequence);
        Assert.Equal(expected.Book.Bids, actual.Book.Bids);
        Assert.Equal(expected.Book.Asks, actual.Book.Asks);
        Assert.Equal(expected.Trades, actual.Trades);
        for (var i = 0; i < expected.Orders.Length; i++)
        {
            Assert.Equal(expected.Orders[i], actual.Orders[i]);
            Assert.Equal(expected.UserTrades[i], actual.UserTrades[i]);
        }
    }

    private sealed record State(OrderBookView Book, IReadOnlyList<Trade> Trades, IReadOnlyList<Order>[] Orders, IReadOnlyList<Trade>[] UserTrades);
}
