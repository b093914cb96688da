using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ReadModel.Tests;

public abstract partial class ReadModelContract
{
    [Fact]
    public async Task Paging_a_users_orders_walks_every_order_once_newest_first()
    {
        var random = new Random(11);
        // Two markets, times with many ties (so symbol and number decide), and another user's orders in between.
        var orders = Enumerable.Range(1, 90).Select(n => Make.Order(n, n % 7 == 0 ? "bob" : "alice", Make.T0.AddSeconds(random.Next(20)),
            symbol: n % 2 == 0 ? Make.Market : Make.Other, status: n % 3 == 0 ? OrderStatus.Filled : OrderStatus.Open)).ToList();
        Assert.True(await WriteAsync(Make.Batch("all", 1, orders: orders.OrderBy(_ => random.Next()))));

        var expected = orders.Where(o => o.UserId == "alice").OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Symbol, StringComparer.Ordinal)
            .ThenByDescending(o => long.Parse(o.OrderId.Split('.')[1])).ToList();
        Assert.Equal(expected, await WalkAsync<Order>(page => Reader.GetUserOrdersAsync("alice", OrderListStatus.All, null, page, Ct), o => o.OrderId));
        Assert.Equal(expected.Where(o => o.Status == OrderStatus.Open),
            await WalkAsync<Order>(page => Reader.GetUserOrdersAsync("alice", OrderListStatus.Open, null, page, Ct), o => o.OrderId));
        Assert.Equal(expected.Where(o => o.Symbol == Make.Other),
            await WalkAsync<Order>(page => Reader.GetUserOrdersAsync("alice", OrderListStatus.All, Make.Other, page, Ct), o => o.OrderId));
    }

    [Fact]
    public async Task Paging_a_users_trades_walks_every_fill_once_with_its_role()
    {
        var random = new Random(12);
        var trades = Enumerable.Range(1, 70).Select(n => Make.Trade(n, 1m, 1m, Make.T0.AddSeconds(random.Next(15)),
            buyer: random.Next(2) == 0 ? "alice" : "carol", seller: random.Next(2) == 0 ? "alice" : "bob", symbol: n % 3 == 0 ? Make.Other : Make.Market))
            .Where(t => t.BuyerId != t.SellerId).ToList();
        foreach (var (symbol, position) in new[] { (Make.Market, 1L), (Make.Other, 1L) })
            Assert.True(await WriteAsync(Make.Batch(symbol, position, trades: trades.Where(t => t.Symbol == symbol).OrderBy(_ => random.Next()))));

        var expected = trades.Where(t => t.BuyerId == "alice" || t.SellerId == "alice")
            .OrderByDescending(t => t.ExecutedAt).ThenBy(t => t.Symbol, StringComparer.Ordinal).ThenByDescending(Expected.Number)
            .Select(t => new UserTrade(t, t.BuyerId == "alice" ? TradeRole.Buyer : TradeRole.Seller)).ToList();
        Assert.Equal(expected, await WalkAsync<UserTrade>(page => Reader.GetUserTradesAsync("alice", null, page, Ct), t => t.Trade.TradeId));
        Assert.Equal(expected.Where(t => t.Trade.Symbol == Make.Other),
            await WalkAsync<UserTrade>(page => Reader.GetUserTradesAsync("alice", Make.Other, page, Ct), t => t.Trade.TradeId));
    }

    [Fact]
    public async Task Paging_a_markets_trades_walks_them_by_trade_number()
    {
        var trades = Enumerable.Range(1, 55).Select(n => Make.Trade(n, 1m, 1m, Make.T0.AddSeconds(n % 4))).ToList();
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: trades.AsEnumerable().Reverse())));
        Assert.True(await WriteAsync(Make.Batch(Make.Other, 1, trades: [Make.Trade(1, 1m, 1m, Make.T0, symbol: Make.Other)])));

        var walked = await WalkAsync<Trade>(page => Reader.GetMarketTradesAsync(Make.Market, page, Ct), t => t.TradeId);

        Assert.Equal(trades.AsEnumerable().Reverse(), walked);
    }

    [Fact]
    public async Task A_before_id_the_list_does_not_hold_gives_an_empty_page()
    {
        Assert.True(await WriteAsync(Make.Batch(Make.Market, 1, trades: [Make.Trade(1, 1m, 1m, Make.T0, "alice", "bob")],
            orders: [Make.Order(1, "alice", Make.T0), Make.Order(2, "bob", Make.T0)])));

        Assert.Empty(await Reader.GetUserOrdersAsync("alice", OrderListStatus.All, null, new Page("ENERGY-USD.2", 10), Ct));
        Assert.Empty(await Reader.GetUserOrdersAsync("alice", OrderListStatus.All, null, new Page("nonsense", 10), Ct));
        Assert.Empty(await Reader.GetUserTradesAsync("carol", null, new Page("ENERGY-USD.T1", 10), Ct));
        Assert.Empty(await Reader.GetMarketTradesAsync(Make.Other, new Page("ENERGY-USD.T1", 10), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Reader.GetMarketTradesAsync(Make.Market, Page.First(0), Ct));
    }

    [Fact]
    public async Task Cutting_at_a_position_it_does_not_hold_gives_what_follows_that_position()
    {
        // The caller merges with the markets: its cursor may be an order or fill the read model has not stored (yet).
        var orders = Enumerable.Range(1, 12).Select(n => Make.Order(n, "alice", Make.T0.AddSeconds(n / 3), symbol: n % 2 == 0 ? Make.Market : Make.Other)).ToList();
        var trades = Enumerable.Range(1, 12).Select(n => Make.Trade(n, 1m, 1m, Make.T0.AddSeconds(n / 3), symbol: Make.Market)).ToList();
        Assert.True(await WriteAsync(Make.Batch("cut", 1, trades: trades, orders: orders)));

        foreach (var cut in new[] { new ListPosition(Make.T0.AddSeconds(2), "MMM-USD", 1), new ListPosition(Make.T0.AddSeconds(2), Make.Market, 99),
                     new ListPosition(Make.T0.AddMilliseconds(1500), Make.Other, 1) })
        {
            Assert.Equal(orders.Where(o => ListPosition.NewestFirst(cut, ListPosition.Of(o)) < 0).OrderBy(ListPosition.Of, Comparer<ListPosition>.Create(ListPosition.NewestFirst)).Take(4),
                await Reader.GetUserOrdersAfterAsync("alice", OrderListStatus.All, null, cut, 4, Ct));
            Assert.Equal(trades.Where(t => ListPosition.NewestFirst(cut, ListPosition.Of(t)) < 0).OrderBy(ListPosition.Of, Comparer<ListPosition>.Create(ListPosition.NewestFirst)).Take(4),
                (await Reader.GetUserTradesAfterAsync("alice", null, cut, 4, Ct)).Select(t => t.Trade));
        }

        Assert.Equal([trades[7], trades[6], trades[5]], await Reader.GetMarketTradesBelowAsync(Make.Market, 9, 3, Ct));
    }

    /// <summary>Follows <c>before</c> from page to page until an empty page, checking no page repeats an item.</summary>
    private static async Task<List<T>> WalkAsync<T>(Func<Page, Task<IReadOnlyList<T>>> fetch, Func<T, string> id)
    {
        var all = new List<T>();
        string? before = null;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await fetch(new Page(before, 7));
            if (page.Count == 0) return all;
            Assert.True(page.Count <= 7);
            all.AddRange(page);
            before = id(page[^1]);
        }

        throw new InvalidOperationException("Paging did not end.");
    }
}
