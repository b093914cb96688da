using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ReadModel.Tests;

public abstract partial class ReadModelContract
{
    [Fact]
    public async Task An_order_round_trips_exactly()
    {
        var market = new Order("ENERGY-USD.41", "c-1", "alice", Make.Market, OrderSide.Sell, OrderType.Market, TimeInForce.Ioc, null, 12.345m,
            2.340m, 0m, 0.12345678m, OrderStatus.Cancelled, CancelReason.NoLiquidity, Make.T0.AddTicks(1234567), Make.T0.AddTicks(7654321));
        var limit = Make.Order(42, "alice", Make.T0);

        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, orders: [market, limit])));

        Assert.Equal(market, await Reader.GetOrderAsync(market.OrderId, Ct));
        Assert.Equal(limit, await Reader.GetOrderAsync(limit.OrderId, Ct));
        Assert.Null(await Reader.GetOrderAsync("ENERGY-USD.43", Ct));
    }

    [Fact]
    public async Task An_order_keeps_its_latest_state_whatever_order_states_arrive_in()
    {
        var open = Make.Order(5, "alice", Make.T0);
        var partial = Make.Order(5, "alice", Make.T0, OrderStatus.PartiallyFilled, filled: 4m, updatedAt: Make.T0.AddSeconds(1));
        var filled = Make.Order(5, "alice", Make.T0, OrderStatus.Filled, filled: 10m, updatedAt: Make.T0.AddSeconds(2));

        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, orders: [open])));
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 2, orders: [filled, partial])));
        Assert.Equal(filled, await Reader.GetOrderAsync(open.OrderId, Ct));

        Assert.True(await WriteAsync(Make.Batch(Make.Market, 3, orders: [partial, open])));
        Assert.Equal(filled, await Reader.GetOrderAsync(open.OrderId, Ct));
        Assert.Empty(await Reader.GetUserOrdersAsync("alice", OrderListStatus.Open, null, Page.First(10), Ct));
        Assert.Equal(1, (await Reader.GetUserProfileAsync("alice", Make.T0, Ct)).Orders);
    }

    [Fact]
    public async Task A_later_state_replaces_an_open_one()
    {
        var open = Make.Order(6, "alice", Make.T0);
        var cancelled = Make.Order(6, "alice", Make.T0, OrderStatus.Cancelled, updatedAt: Make.T0.AddMinutes(3));

        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, orders: [open])));
        Assert.Single(await Reader.GetUserOrdersAsync("alice", OrderListStatus.Open, null, Page.First(10), Ct));
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 2, orders: [cancelled])));

        Assert.Equal(cancelled, await Reader.GetOrderAsync(open.OrderId, Ct));
        Assert.Empty(await Reader.GetUserOrdersAsync("alice", OrderListStatus.Open, null, Page.First(10), Ct));
    }
}
