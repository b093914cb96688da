using System.Data.Common;
using GridTokenX.Grains.Abstractions.Accounts;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Queries;

/// <summary>
/// The read model's queries. Lists are keyset-paged: the <c>before</c> id is looked up for its sort key and the page
/// is the next index range below it, so a page costs the same at any depth and concurrent inserts never shift it.
/// </summary>
public sealed class ReadModelReader(ReadModelDatabase database) : IReadModelReader
{
    private static readonly string[] OpenStatuses = [EnumText<OrderStatus>.Of(OrderStatus.Open), EnumText<OrderStatus>.Of(OrderStatus.PartiallyFilled)];

    private SqlDialect D => database.Dialect;

    public async Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.Command(null, $"SELECT {Rows.OrderColumns} FROM rm_orders o WHERE o.order_id = @id").With("@id", orderId)
            .QueryAsync(r => Rows.Order(r, D), cancellationToken);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<Order>> GetUserOrdersAsync(string userId, OrderListStatus status, string? symbol, Page page, CancellationToken cancellationToken)
    {
        page.Validate();
        if (page.Before is null) return await GetUserOrdersAfterAsync(userId, status, symbol, null, page.Limit, cancellationToken);
        var cursor = await PositionAsync("SELECT created_at, symbol, number FROM rm_orders WHERE order_id = @b AND user_id = @u", page.Before, userId, cancellationToken);
        return cursor is null ? [] : await GetUserOrdersAfterAsync(userId, status, symbol, cursor, page.Limit, cancellationToken);
    }

    public async Task<IReadOnlyList<Order>> GetUserOrdersAfterAsync(string userId, OrderListStatus status, string? symbol, ListPosition? after, int limit,
        CancellationToken cancellationToken)
    {
        new Page(null, limit).Validate();
        await using var connection = await OpenAsync(cancellationToken);
        var (command, where) = UserListCommand(connection, "o", userId, symbol, limit);
        if (status == OrderListStatus.Open)
        {
            where += " AND o.status IN (@open1, @open2)";
            command.With("@open1", OpenStatuses[0]).With("@open2", OpenStatuses[1]);
        }

        if (after is not null) where += " AND " + Older("o.created_at", "o.symbol", "o.number", command, after);
        command.CommandText = $"SELECT {Rows.OrderColumns} FROM rm_orders o WHERE {where} ORDER BY o.created_at DESC, o.symbol, o.number DESC LIMIT @limit";
        return await command.QueryAsync(r => Rows.Order(r, D), cancellationToken);
    }

    public async Task<Trade?> GetTradeAsync(string tradeId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.Command(null, $"SELECT {Rows.TradeColumns} FROM rm_trades t WHERE t.trade_id = @id").With("@id", tradeId)
            .QueryAsync(r => Rows.Trade(r, D), cancellationToken);
        return rows.SingleOrDefault();
    }

    public async Task<IReadOnlyList<UserTrade>> GetUserTradesAsync(string userId, string? symbol, Page page, CancellationToken cancellationToken)
    {
        page.Validate();
        if (page.Before is null) return await GetUserTradesAfterAsync(userId, symbol, null, page.Limit, cancellationToken);
        var cursor = await PositionAsync("SELECT executed_at, symbol, number FROM rm_user_trades WHERE trade_id = @b AND user_id = @u", page.Before, userId, cancellationToken);
        return cursor is null ? [] : await GetUserTradesAfterAsync(userId, symbol, cursor, page.Limit, cancellationToken);
    }

    public async Task<IReadOnlyList<UserTrade>> GetUserTradesAfterAsync(string userId, string? symbol, ListPosition? after, int limit,
        CancellationToken cancellationToken)
    {
        new Page(null, limit).Validate();
        await using var connection = await OpenAsync(cancellationToken);
        var (command, where) = UserListCommand(connection, "ut", userId, symbol, limit);
        if (after is not null) where += " AND " + Older("ut.executed_at", "ut.symbol", "ut.number", command, after);
        command.CommandText = $"""
            SELECT {Rows.TradeColumns}, ut.role FROM rm_user_trades ut JOIN rm_trades t ON t.trade_id = ut.trade_id
            WHERE {where} ORDER BY ut.executed_at DESC, ut.symbol, ut.number DESC LIMIT @limit
            """;
        return await command.QueryAsync(r => new UserTrade(Rows.Trade(r, D), EnumText<TradeRole>.Parse(r.GetString(10))), cancellationToken);
    }

    public async Task<IReadOnlyList<Trade>> GetMarketTradesAsync(string symbol, Page page, CancellationToken cancellationToken)
    {
        page.Validate();
        if (page.Before is null) return await GetMarketTradesBelowAsync(symbol, null, page.Limit, cancellationToken);
        long? before;
        await using (var connection = await OpenAsync(cancellationToken))
        {
            before = await connection.Command(null, "SELECT number FROM rm_trades WHERE trade_id = @b AND symbol = @sym")
                .With("@b", page.Before).With("@sym", symbol).ScalarInt64Async(cancellationToken);
        }

        return before is null ? [] : await GetMarketTradesBelowAsync(symbol, before, page.Limit, cancellationToken);
    }

    public async Task<IReadOnlyList<Trade>> GetMarketTradesBelowAsync(string symbol, long? beforeNumber, int limit, CancellationToken cancellationToken)
    {
        new Page(null, limit).Validate();
        await using var connection = await OpenAsync(cancellationToken);
        var command = connection.Command(null, "").With("@sym", symbol).With("@limit", (long)limit);
        var where = "t.symbol = @sym";
        if (beforeNumber is { } n)
        {
            where += " AND t.number < @n";
            command.With("@n", n);
        }

        command.CommandText = $"SELECT {Rows.TradeColumns} FROM rm_trades t WHERE {where} ORDER BY t.number DESC LIMIT @limit";
        return await command.QueryAsync(r => Rows.Trade(r, D), cancellationToken);
    }

    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, CandleInterval interval, DateTimeOffset end, int limit, CancellationToken cancellationToken)
    {
        new Page(null, limit).Validate();
        await using var connection = await OpenAsync(cancellationToken);
        var candles = await CandleQuery(connection, symbol, interval, "open_time <= @end ORDER BY open_time DESC LIMIT @limit")
            .With("@end", end.UtcTicks).With("@limit", (long)limit)
            .QueryAsync(r => ReadCandle(r, interval), cancellationToken);
        candles.Reverse();
        return candles;
    }

    public async Task<MarketStats> GetMarketStatsAsync(string symbol, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var minute = CandleInterval.OneMinute;
        var last = minute.OpenTicks(now.UtcTicks);
        var day = await CandleQuery(connection, symbol, minute, "open_time >= @from AND open_time <= @to")
            .With("@from", last - TimeSpan.FromDays(1).Ticks + minute.Length().Ticks).With("@to", last)
            .QueryAsync(r => ReadCandle(r, minute), cancellationToken);
        var totals = await connection.Command(null, "SELECT trades, volume, value, first_trade_at FROM rm_market_totals WHERE symbol = @s")
            .With("@s", symbol)
            .QueryAsync(r => new MarketTotals(r.GetInt64(0), D.ReadDecimal(r, 1), D.ReadDecimal(r, 2), Rows.Time(r.GetNullableInt64(3))), cancellationToken);

        var volume = day.Sum(c => c.Volume);
        var value = day.Sum(c => c.Value);
        return new MarketStats(symbol, day.Sum(c => c.Trades), volume, value, volume == 0m ? null : value / volume,
            day.Count == 0 ? null : day.Max(c => c.High), day.Count == 0 ? null : day.Min(c => c.Low),
            totals.SingleOrDefault() ?? MarketTotals.None, now);
    }

    public async Task<TokenMetadata> GetTokenMetadataAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.Command(null, "SELECT total_minted, mints, holders, last_mint_at FROM rm_tokens WHERE asset = @a")
            .With("@a", AccountAssets.Kwh)
            .QueryAsync(r => (Total: D.ReadDecimal(r, 0), Mints: r.GetInt64(1), Holders: r.GetInt64(2), Last: r.GetNullableInt64(3)), cancellationToken);
        var recent = await connection.Command(null, "SELECT COUNT(*) FROM rm_mints WHERE minted_at > @from AND minted_at <= @to")
            .With("@from", (now - TimeSpan.FromDays(1)).UtcTicks).With("@to", now.UtcTicks).ScalarInt64Async(cancellationToken) ?? 0;
        var row = rows.Count == 0 ? (Total: 0m, Mints: 0L, Holders: 0L, Last: (long?)null) : rows[0];
        return new TokenMetadata(AccountAssets.Kwh, row.Total, row.Mints, row.Holders, recent, Rows.Time(row.Last), now);
    }

    public async Task<UserProfile> GetUserProfileAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.Command(null, """
                SELECT first_seen_at, orders, trades, volume_bought, volume_sold, kwh_minted, meters FROM rm_users WHERE user_id = @u
                """).With("@u", userId)
            .QueryAsync(r => new UserProfile(userId, Rows.Time(r.GetNullableInt64(0)), r.GetInt64(1), r.GetInt64(2), D.ReadDecimal(r, 3),
                D.ReadDecimal(r, 4), D.ReadDecimal(r, 5), r.GetInt64(6), now), cancellationToken);
        return rows.SingleOrDefault() ?? new UserProfile(userId, null, 0, 0, 0m, 0m, 0m, 0, now);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken);
        return await D.OpenAsync(cancellationToken);
    }

    /// <summary>A list query's command with the user, optional symbol and limit bound, and its WHERE so far.</summary>
    private static (DbCommand Command, string Where) UserListCommand(DbConnection connection, string table, string userId, string? symbol, int limit)
    {
        var command = connection.Command(null, "").With("@u", userId).With("@limit", (long)limit);
        if (symbol is null) return (command, $"{table}.user_id = @u");
        command.With("@sym", symbol);
        return (command, $"{table}.user_id = @u AND {table}.symbol = @sym");
    }

    private static DbCommand CandleQuery(DbConnection connection, string symbol, CandleInterval interval, string condition) =>
        connection.Command(null, $"""
                SELECT open_time, open_price, high_price, low_price, close_price, volume, value, trades FROM rm_candles
                WHERE symbol = @sym AND interval_name = @i AND trades > 0 AND {condition}
                """)
            .With("@sym", symbol).With("@i", interval.Name());

    private Candle ReadCandle(DbDataReader r, CandleInterval interval)
    {
        var open = Rows.Time(r.GetInt64(0));
        return new Candle(open, open + interval.Length() - TimeSpan.FromMilliseconds(1), D.ReadDecimal(r, 1), D.ReadDecimal(r, 2),
            D.ReadDecimal(r, 3), D.ReadDecimal(r, 4), D.ReadDecimal(r, 5), D.ReadDecimal(r, 6), r.GetInt64(7));
    }

    /// <summary>The list position of the user's item with id <paramref name="before"/>, or null when the user has no such item.</summary>
    private async Task<ListPosition?> PositionAsync(string sql, string before, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.Command(null, sql).With("@b", before).With("@u", userId)
            .QueryAsync(r => new ListPosition(Rows.Time(r.GetInt64(0)), r.GetString(1), r.GetInt64(2)), cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Rows after the cursor in (time desc, symbol asc, number desc) order.</summary>
    private static string Older(string time, string symbol, string number, DbCommand command, ListPosition cursor)
    {
        command.With("@ct", cursor.Time.UtcTicks).With("@cs", cursor.Symbol).With("@cn", cursor.Number);
        return $"({time} < @ct OR ({time} = @ct AND ({symbol} > @cs OR ({symbol} = @cs AND {number} < @cn))))";
    }
}
