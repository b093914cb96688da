using System.Collections.Concurrent;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.TestSupport;
using Orleans.Streams;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>
/// When events cannot go out, a market stops taking commands after a bounded backlog (refusing them as retryable,
/// keeping nothing of them) instead of acknowledging what it cannot tell anyone about; once the event streams are
/// back, the backlog is published in order and the market takes commands again.
/// </summary>
public sealed class MarketEventBackPressureTests : IAsyncLifetime
{
    private const int MaxUnpublished = 3;
    private RedisServer _journal = null!;
    private RedisServer _events = null!;
    private TestCluster _cluster = null!;

    private IOrderBookGrain Energy => _cluster.GrainFactory.GetGrain<IOrderBookGrain>("ENERGY-USD");

    public async Task InitializeAsync()
    {
        _journal = await RedisServer.StartAsync();
        _events = await RedisServer.StartAsync();
        _cluster = await TradingCluster.StartAsync(_journal.ConnectionString, eventsRedis: _events.ConnectionString, settings: new Dictionary<string, string>
        {
            ["GridTokenX:Trading:MaxUnpublished"] = MaxUnpublished.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GridTokenX:Trading:PublicationWait"] = "00:00:01",
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _events.DisposeAsync();
        await _journal.DisposeAsync();
    }

    [Fact]
    public async Task A_market_whose_events_cannot_go_out_refuses_commands_beyond_the_bound_and_catches_up_afterwards()
    {
        var received = new ConcurrentQueue<ChannelEvent>();
        foreach (var (ns, key) in ChannelStreams.Sources("orders:alice", ["ENERGY-USD", "SOLAR-USD"]))
        {
            await _cluster.Client.GetStreamProvider(ChannelStreams.ProviderName).GetStream<ChannelEvent>(StreamId.Create(ns, key))
                .SubscribeAsync((e, _) =>
                {
                    received.Enqueue(e);
                    return Task.CompletedTask;
                });
        }

        Assert.Equal(PlaceOrderOutcome.Created, (await Energy.PlaceOrder(Bid(1))).Outcome);
        await Eventually.Until(() => Task.FromResult(received.Count >= 1), TimeSpan.FromSeconds(30), "the first event");

        _events.Kill();
        var accepted = 1;
        MarketUnavailableException? refusal = null;
        for (var i = 0; i < 4 * MaxUnpublished && refusal is null; i++)
        {
            try
            {
                Assert.Equal(PlaceOrderOutcome.Created, (await Energy.PlaceOrder(Bid(2 + i))).Outcome);
                accepted++;
            }
            catch (MarketUnavailableException ex)
            {
                refusal = ex;
            }
        }

        Assert.NotNull(refusal);
        Assert.Contains("catching up on publishing", refusal.Message, StringComparison.Ordinal);
        // At most the bound was acknowledged past what went out, plus the batch in flight when the streams vanished.
        Assert.InRange(accepted, 2, 1 + MaxUnpublished + 2);
        Assert.Equal(accepted, (await Energy.GetUserOrders("alice", openOnly: false, 100)).Count);

        await _events.RestartAsync();
        await Eventually.Until(async () =>
        {
            try
            {
                return (await Energy.PlaceOrder(Bid(100))).Outcome;
            }
            catch (MarketUnavailableException)
            {
                return PlaceOrderOutcome.Rejected;
            }
        }, outcome => outcome == PlaceOrderOutcome.Created, TimeSpan.FromSeconds(60), "the market to take orders again");
        accepted++;

        var orders = await Eventually.Until(() => Task.FromResult(Distinct(received)), e => e.Count >= accepted, TimeSpan.FromSeconds(60),
            "every accepted order's event");
        Assert.Equal(accepted, orders.Count);
        var sequences = orders.Select(e => e.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal((await Energy.GetUserOrders("alice", openOnly: false, 100)).Select(o => o.OrderId).Order(StringComparer.Ordinal),
            orders.Select(e => ((OrderPayload)e.Data).Order.OrderId).Order(StringComparer.Ordinal));
    }

    /// <summary>What a subscriber keeps: first deliveries only (retried appends may repeat an event).</summary>
    private static List<ChannelEvent> Distinct(IEnumerable<ChannelEvent> events) => [.. events.DistinctBy(e => e.Id)];

    private static PlaceOrderCommand Bid(int cents) =>
        new("alice", "ENERGY-USD", OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc, 0.0100m + cents * 0.0001m, 1, null);
}
