using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Accounts;
using GridTokenX.Grains.Tests.Trading;
using GridTokenX.Redis.Money;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Accounts;

/// <summary>
/// Reservations whose order never became durable are found and released by the silos' own sweepers, with nothing
/// calling them: the test only makes the orphans and waits.
/// </summary>
public sealed class ReservationSweeperTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _cluster = await TradingCluster.StartAsync(_redis.ConnectionString, settings: new Dictionary<string, string>
        {
            ["GridTokenX:Accounts:Faucet:Usd"] = "0",
            ["GridTokenX:Accounts:Faucet:Kwh"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Orphaned_reservations_are_released_whole_and_a_live_orders_reservation_is_kept()
    {
        var store = _cluster.GetSiloServiceProvider(_cluster.Primary!.SiloAddress).GetRequiredService<IMoneyStore>();
        var now = DateTimeOffset.UtcNow;
        await Apply(store, new MoneyWrite("deposit:sweep-1", "alice|USD|100", [new MoneyLeg("alice", Assets.Usd, LedgerKinds.Deposit, 100m, 0m, "sweep-1")],
            [], [], new Dictionary<string, decimal> { [Assets.Usd] = 100m }, "", now));

        // A real order: 10 at 0.5000 reserves 5.05 and rests.
        var placed = await _cluster.GrainFactory.GetGrain<IOrderBookGrain>("ENERGY-USD")
            .PlaceOrder(new PlaceOrderCommand("alice", "ENERGY-USD", OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 0.5000m, 10m, null));
        Assert.Equal(PlaceOrderOutcome.Created, placed.Outcome);
        // Two reservations of orders the market never placed (as if their activation died after reserving): one a
        // minute old, one twenty seconds old (released once it is thirty).
        await Apply(store, ReservationWrites.Reserve("ENERGY-USD.999999", "alice", Assets.Usd, 1.01m, now.AddMinutes(-1)));
        await Apply(store, ReservationWrites.Reserve("ENERGY-USD.888888", "alice", Assets.Usd, 2m, now.AddSeconds(-20)));
        Assert.Equal(new AssetBalance(100m - 5.05m - 3.01m, 8.06m), (await store.GetAccountAsync("alice", default)).Balances[Assets.Usd]);

        await Eventually.Until(async () => (await store.GetAccountAsync("alice", default)).Balances[Assets.Usd].Reserved == 5.05m,
            TimeSpan.FromSeconds(45), "both orphans released");

        Assert.Equal(new AssetBalance(94.95m, 5.05m), (await store.GetAccountAsync("alice", default)).Balances[Assets.Usd]);
        var ledger = await store.GetLedgerAsync("alice", Assets.Usd, 100, null, default);
        Assert.Equal(2, ledger.Count(e => e.Kind == LedgerKinds.Release));
        Assert.Equal(0m, (await store.GetTotalsAsync(default)).Imbalance(Assets.Usd));
    }

    private static async Task Apply(IMoneyStore store, MoneyWrite write) =>
        Assert.Equal(MoneyWriteStatus.Applied, (await store.ApplyAsync([write], default))[0].Status);
}
