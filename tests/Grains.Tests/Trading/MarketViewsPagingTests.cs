using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>
/// A market's share of a paged list: what comes after a <see cref="ListPosition"/> (or below a trade number), cut by
/// binary search, compared with a plain filter of everything the market holds.
/// </summary>
public sealed class MarketViewsPagingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly Market _market = Build();

    [Fact]
    public void Every_position_cuts_the_users_orders_and_fills_where_a_filter_would()
    {
        var orders = _market.UserOrders("alice", openOnly: false, 1000);
        var fills = _market.UserTrades("alice", 1000);
        Assert.True(orders.Count > 20 && fills.Count > 10);
        var positions = orders.Select(ListPosition.Of).Concat(fills.Select(ListPosition.Of))
            // Positions of items this market does not hold: other markets at the same instants, and times between.
            .Concat(orders.SelectMany(o => new[]
            {
                new ListPosition(o.CreatedAt, "AAA-USD", 1), new ListPosition(o.CreatedAt, "ZZZ-USD", 1),
                new ListPosition(o.CreatedAt.AddTicks(1), o.Symbol, 0),
            }));

        foreach (var position in positions)
        {
            Assert.Equal(orders.Where(o => After(position, ListPosition.Of(o))), _market.UserOrders("alice", false, position, 1000));
            Assert.Equal(orders.Where(o => !o.IsFinal && After(position, ListPosition.Of(o))), _market.UserOrders("alice", true, position, 1000));
            Assert.Equal(fills.Where(t => After(position, ListPosition.Of(t))).Take(3), _market.UserTrades("alice", position, 3));
        }
    }

    [Fact]
    public void Market_trades_page_below_a_number_and_a_trade_is_found_by_its_number()
    {
        var all = _market.RecentTrades(1000);
        for (var n = 0L; n <= all.Count + 2; n++)
        {
            var below = n;
            Assert.Equal(all.Where(t => Number(t) < below).Take(4), _market.RecentTrades(below, 4));
            Assert.Equal(all.SingleOrDefault(t => Number(t) == below), _market.FindTrade(below) is { } found ? _market.ToTrade(found) : null);
        }
    }

    private static bool After(ListPosition position, ListPosition item) => ListPosition.NewestFirst(position, item) < 0;

    private static long Number(Trade t) => long.Parse(t.TradeId[(t.TradeId.LastIndexOf('T') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Alice and bob trading, several orders per millisecond (ties the number must break).</summary>
    private static Market Build()
    {
        var market = new Market(MarketCatalog.Create([], out _).Markets[0]);
        var random = new Random(5);
        for (var i = 0; i < 120; i++)
        {
            var user = random.Next(3) == 0 ? "bob" : "alice";
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var at = T0.AddMilliseconds(i / 3).ToUnixTimeMilliseconds();
            market.Place(new PlaceCommand(market.Sequence + 1, at, market.NextOrderNumber, user, null, side, OrderType.Limit, TimeInForce.Gtc,
                1200 + random.Next(100), 1000 * (1 + random.Next(5))));
        }

        return market;
    }
}
