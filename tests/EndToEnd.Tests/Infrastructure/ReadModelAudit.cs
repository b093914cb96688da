using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Reads the cluster's SQLite read model straight from its file (read-only, beside the running silos) and checks it
/// against what the API reported, with aggregations of its own: nothing lost, nothing counted twice.
/// </summary>
public sealed class ReadModelAudit(string sqlitePath)
{
    public sealed record StoredTrade(long Number, string TradeId, decimal Price, decimal Quantity, string BuyerId, string SellerId, long ExecutedAtTicks);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public List<StoredTrade> Trades(string symbol)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, trade_id, price, quantity, buyer_id, seller_id, executed_at FROM rm_trades WHERE symbol = $s ORDER BY number";
        command.Parameters.AddWithValue("$s", symbol);
        using var reader = command.ExecuteReader();
        var trades = new List<StoredTrade>();
        while (reader.Read())
        {
            trades.Add(new StoredTrade(reader.GetInt64(0), reader.GetString(1), Decimal(reader, 2), Decimal(reader, 3), reader.GetString(4),
                reader.GetString(5), reader.GetInt64(6)));
        }

        return trades;
    }

    /// <summary>The market's running totals as the projector keeps them: (trades, volume, value).</summary>
    public (long Trades, decimal Volume, decimal Value)? Totals(string symbol)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT trades, volume, value FROM rm_market_totals WHERE symbol = $s";
        command.Parameters.AddWithValue("$s", symbol);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), Decimal(reader, 1), Decimal(reader, 2)) : null;
    }

    /// <summary>The one-minute candles: open time (ticks) → (trades, volume).</summary>
    public Dictionary<long, (long Trades, decimal Volume)> MinuteCandles(string symbol)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT open_time, trades, volume FROM rm_candles WHERE symbol = $s AND interval_name = '1m'";
        command.Parameters.AddWithValue("$s", symbol);
        using var reader = command.ExecuteReader();
        var candles = new Dictionary<long, (long, decimal)>();
        while (reader.Read()) candles[reader.GetInt64(0)] = (reader.GetInt64(1), Decimal(reader, 2));
        return candles;
    }

    /// <summary>Final orders by id: (status, filled quantity).</summary>
    public Dictionary<string, (string Status, decimal Filled)> Orders(string symbol)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT order_id, status, filled_quantity FROM rm_orders WHERE symbol = $s";
        command.Parameters.AddWithValue("$s", symbol);
        using var reader = command.ExecuteReader();
        var orders = new Dictionary<string, (string, decimal)>(StringComparer.Ordinal);
        while (reader.Read()) orders[reader.GetString(0)] = (reader.GetString(1), Decimal(reader, 2));
        return orders;
    }

    // SQLite holds the exact decimals as text (docs/read-model.md); read them as written, never through a double.
    private static decimal Decimal(SqliteDataReader reader, int column) =>
        decimal.Parse(reader.GetString(column), NumberStyles.Number, CultureInfo.InvariantCulture);
}
