using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary><c>rm_market_totals</c>: a market's all-time figures, added to per new trade (locked, read, written back).</summary>
internal static class MarketTotalRows
{
    public static async Task ApplyAsync(WriteContext context, IReadOnlyList<NumberedTrade> trades)
    {
        var d = context.Dialect;
        foreach (var market in trades.GroupBy(t => t.Trade.Symbol, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var totals = await context.LockRowAsync(
                context.Command("INSERT INTO rm_market_totals (symbol, trades, volume, value, first_trade_at) VALUES (@s, 0, @z, @z, NULL) ON CONFLICT DO NOTHING")
                    .With("@s", market.Key).With("@z", d.ToDb(0m)),
                context.Command("SELECT trades, volume, value, first_trade_at FROM rm_market_totals WHERE symbol = @s").With("@s", market.Key),
                r => (Trades: r.GetInt64(0), Volume: d.ReadDecimal(r, 1), Value: d.ReadDecimal(r, 2), First: r.GetNullableInt64(3)));

            foreach (var trade in market)
            {
                var at = trade.Trade.ExecutedAt.UtcTicks;
                totals = (totals.Trades + 1, totals.Volume + trade.Trade.Quantity, totals.Value + trade.Value,
                    totals.First is { } first && first <= at ? first : at);
            }

            await context.ExecuteAsync(context.Command("UPDATE rm_market_totals SET trades = @n, volume = @vol, value = @val, first_trade_at = @f WHERE symbol = @s")
                .With("@s", market.Key).With("@n", totals.Trades).WithDecimal(d, "@vol", totals.Volume).WithDecimal(d, "@val", totals.Value)
                .With("@f", totals.First));
        }
    }

}
