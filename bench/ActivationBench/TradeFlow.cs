using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Bench.ActivationBench;

/// <summary>
/// The deterministic order flow of a market with a long history. First a standing book of <paramref name="book"/>
/// orders far from the trading price: it never trades, so it rests through every checkpoint, as a real book does. Then
/// pairs: a maker rests at the trading price and a taker of the other side and the same size fills it at once, so
/// every pair is one trade and two final orders. The clock readings spread evenly over <paramref name="span"/>, ending
/// at <paramref name="end"/>; the market's clock is what its retention is measured against.
/// </summary>
internal sealed class TradeFlow(int trades, int book, int users, TimeSpan span, DateTimeOffset end)
{
    // Ticks of the default ENERGY-USD market (tick 0.0001): trades at 0.5000-0.5049, the book at or below 0.4000 and
    // at or above 0.6000.
    private const long TradePrice = 5_000;
    private const long BidTop = 4_000;
    private const long AskBottom = 6_000;
    private const decimal FeeRate = 0.01m;

    private readonly long _startMs = (end - span).ToUnixTimeMilliseconds();
    private readonly long _spanMs = (long)span.TotalMilliseconds;

    public long Commands => book + (2L * trades);

    /// <summary>The market's next command: the <c>market.Sequence + 1</c>-th of the flow.</summary>
    public PlaceCommand Next(Market market)
    {
        var sequence = market.Sequence + 1;
        var at = _startMs + ((sequence - 1) * _spanMs / Math.Max(1, Commands - 1));
        var index = sequence - 1;
        if (index < book)
        {
            var bid = index % 2 == 0;
            var depth = index / 2 % 500;
            return Order(market, sequence, at, User(index), bid ? OrderSide.Buy : OrderSide.Sell, bid ? BidTop - depth : AskBottom + depth,
                1_000 + (index % 7 * 250));
        }

        var pair = (index - book) / 2;
        var makerSide = pair % 2 == 0 ? OrderSide.Sell : OrderSide.Buy;
        var price = TradePrice + (pair % 50);
        var lots = 100 + (pair % 10 * 100);
        var maker = (int)(pair * 7 % users);
        // Never the maker: a taker meeting its own order would be stopped by self-trade prevention.
        var taker = (maker + 1 + (int)(pair % (users - 1))) % users;
        return (index - book) % 2 == 0
            ? Order(market, sequence, at, User(maker), makerSide, price, lots)
            : Order(market, sequence, at, User(taker), makerSide == OrderSide.Sell ? OrderSide.Buy : OrderSide.Sell, price, lots);
    }

    private string User(long index) => $"user-{index % users:D5}";

    private static PlaceCommand Order(Market market, long sequence, long at, string user, OrderSide side, long price, long lots) =>
        new(sequence, at, market.NextOrderNumber, user, null, side, OrderType.Limit, TimeInForce.Gtc, price, lots, FeeRate);
}
