using System.Data.Common;
using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary>
/// <c>rm_candles</c>, maintained per new trade in the batch's transaction: each touched candle (five widths per
/// trade's time) is locked, read, added to in C# (exact on SQLite too, where SQL sums would be doubles) and written
/// back. Candles are visited in key order so concurrent writers lock in the same order.
/// </summary>
internal static class CandleRows
{
    public static async Task ApplyAsync(WriteContext context, IReadOnlyList<NumberedTrade> trades)
    {
        var touched = new SortedDictionary<(string Symbol, string Interval, long OpenTime), List<NumberedTrade>>(KeyOrder.Instance);
        foreach (var trade in trades)
        {
            foreach (var interval in CandleIntervals.All)
            {
                var key = (trade.Trade.Symbol, interval.Name(), interval.OpenTicks(trade.Trade.ExecutedAt.UtcTicks));
                if (!touched.TryGetValue(key, out var list)) touched[key] = list = [];
                list.Add(trade);
            }
        }

        foreach (var (key, list) in touched)
        {
            var state = await LockAsync(context, key);
            foreach (var trade in list) state = state.Add(trade);
            await WriteAsync(context, key, state);
        }
    }

    private static Task<CandleState> LockAsync(WriteContext context, (string Symbol, string Interval, long OpenTime) key)
    {
        var d = context.Dialect;
        var zero = d.ToDb(0m);
        return context.LockRowAsync(
            Key(context.Command("""
                INSERT INTO rm_candles (symbol, interval_name, open_time, open_price, high_price, low_price, close_price, open_trade,
                    close_trade, volume, value, trades)
                VALUES (@sym, @i, @t, @z, @z, @z, @z, 0, 0, @z, @z, 0)
                ON CONFLICT DO NOTHING
                """).With("@z", zero), key),
            Key(context.Command("""
                SELECT open_price, open_trade, high_price, low_price, close_price, close_trade, volume, value, trades FROM rm_candles
                WHERE symbol = @sym AND interval_name = @i AND open_time = @t
                """), key),
            r => new CandleState(d.ReadDecimal(r, 0), r.GetInt64(1), d.ReadDecimal(r, 2), d.ReadDecimal(r, 3), d.ReadDecimal(r, 4),
                r.GetInt64(5), d.ReadDecimal(r, 6), d.ReadDecimal(r, 7), r.GetInt64(8)));
    }

    private static Task<int> WriteAsync(WriteContext context, (string Symbol, string Interval, long OpenTime) key, CandleState s) =>
        context.ExecuteAsync(Key(context.Command("""
                UPDATE rm_candles SET open_price = @o, open_trade = @ot, high_price = @h, low_price = @l, close_price = @c,
                    close_trade = @ct, volume = @vol, value = @val, trades = @n
                WHERE symbol = @sym AND interval_name = @i AND open_time = @t
                """), key)
            .WithDecimal(context.Dialect, "@o", s.Open).With("@ot", s.OpenTrade).WithDecimal(context.Dialect, "@h", s.High)
            .WithDecimal(context.Dialect, "@l", s.Low).WithDecimal(context.Dialect, "@c", s.Close).With("@ct", s.CloseTrade)
            .WithDecimal(context.Dialect, "@vol", s.Volume).WithDecimal(context.Dialect, "@val", s.Value).With("@n", s.Trades));

    private static DbCommand Key(DbCommand command, (string Symbol, string Interval, long OpenTime) key) =>
        command.With("@sym", key.Symbol).With("@i", key.Interval).With("@t", key.OpenTime);

    private sealed class KeyOrder : IComparer<(string Symbol, string Interval, long OpenTime)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((string Symbol, string Interval, long OpenTime) x, (string Symbol, string Interval, long OpenTime) y)
        {
            var bySymbol = string.CompareOrdinal(x.Symbol, y.Symbol);
            if (bySymbol != 0) return bySymbol;
            var byInterval = string.CompareOrdinal(x.Interval, y.Interval);
            return byInterval != 0 ? byInterval : x.OpenTime.CompareTo(y.OpenTime);
        }
    }
}
