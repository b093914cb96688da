using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Schema;

/// <summary>
/// The read model's schema, step by step. Never edit a released step: add the next version. Times are <c>bigint</c>
/// UTC ticks (100 ns since 0001-01-01, <see cref="DateTimeOffset.UtcTicks"/>) so every time round-trips exactly and
/// sorts the same on both databases; decimals are the dialect's exact type (docs/read-model.md).
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "trades, orders, readings, mints, positions, candles and running totals", V1),
    ];

    private static string[] V1(SqlDialect d)
    {
        var dec = d.DecimalType;
        var sym = d.OrdinalTextType;
        return
        [
            """
            CREATE TABLE rm_positions (
                source text PRIMARY KEY,
                last_position bigint NULL,
                updated_at bigint NOT NULL)
            """,
            $"""
            CREATE TABLE rm_trades (
                trade_id text PRIMARY KEY,
                symbol {sym} NOT NULL,
                number bigint NOT NULL,
                price {dec} NOT NULL,
                quantity {dec} NOT NULL,
                value {dec} NOT NULL,
                buy_order_id text NOT NULL,
                sell_order_id text NOT NULL,
                buyer_id text NOT NULL,
                seller_id text NOT NULL,
                maker_side text NOT NULL,
                executed_at bigint NOT NULL,
                source text NOT NULL,
                source_position bigint NOT NULL)
            """,
            "CREATE UNIQUE INDEX rm_trades_by_market ON rm_trades (symbol, number)",
            $"""
            CREATE TABLE rm_user_trades (
                user_id text NOT NULL,
                trade_id text NOT NULL,
                role text NOT NULL,
                symbol {sym} NOT NULL,
                number bigint NOT NULL,
                executed_at bigint NOT NULL,
                PRIMARY KEY (user_id, trade_id))
            """,
            // Matches the listing order (newest first), so a page is one index range on both databases.
            "CREATE INDEX rm_user_trades_newest ON rm_user_trades (user_id, executed_at DESC, symbol, number DESC)",
            $"""
            CREATE TABLE rm_orders (
                order_id text PRIMARY KEY,
                symbol {sym} NOT NULL,
                number bigint NOT NULL,
                client_order_id text NULL,
                user_id text NOT NULL,
                side text NOT NULL,
                order_type text NOT NULL,
                time_in_force text NOT NULL,
                price {dec} NULL,
                quantity {dec} NOT NULL,
                filled_quantity {dec} NOT NULL,
                remaining_quantity {dec} NOT NULL,
                average_price {dec} NULL,
                status text NOT NULL,
                cancel_reason text NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                source text NOT NULL,
                source_position bigint NOT NULL)
            """,
            "CREATE INDEX rm_orders_user_newest ON rm_orders (user_id, created_at DESC, symbol, number DESC)",
            $"""
            CREATE TABLE rm_readings (
                reading_id text PRIMARY KEY,
                meter_id text NOT NULL,
                user_id text NOT NULL,
                kwh {dec} NOT NULL,
                reading_timestamp bigint NOT NULL,
                recorded_at bigint NOT NULL,
                minted bigint NOT NULL)
            """,
            $"""
            CREATE TABLE rm_mints (
                mint_id text PRIMARY KEY,
                reading_id text NOT NULL UNIQUE,
                meter_id text NOT NULL,
                user_id text NOT NULL,
                amount {dec} NOT NULL,
                fencing_token bigint NOT NULL,
                minted_at bigint NOT NULL)
            """,
            "CREATE INDEX rm_mints_by_time ON rm_mints (minted_at)",
            $"""
            CREATE TABLE rm_candles (
                symbol {sym} NOT NULL,
                interval_name text NOT NULL,
                open_time bigint NOT NULL,
                open_price {dec} NOT NULL,
                high_price {dec} NOT NULL,
                low_price {dec} NOT NULL,
                close_price {dec} NOT NULL,
                open_trade bigint NOT NULL,
                close_trade bigint NOT NULL,
                volume {dec} NOT NULL,
                value {dec} NOT NULL,
                trades bigint NOT NULL,
                PRIMARY KEY (symbol, interval_name, open_time))
            """,
            $"""
            CREATE TABLE rm_market_totals (
                symbol {sym} PRIMARY KEY,
                trades bigint NOT NULL,
                volume {dec} NOT NULL,
                value {dec} NOT NULL,
                first_trade_at bigint NULL)
            """,
            $"""
            CREATE TABLE rm_users (
                user_id text PRIMARY KEY,
                first_seen_at bigint NULL,
                orders bigint NOT NULL,
                trades bigint NOT NULL,
                volume_bought {dec} NOT NULL,
                volume_sold {dec} NOT NULL,
                kwh_minted {dec} NOT NULL,
                meters bigint NOT NULL)
            """,
            """
            CREATE TABLE rm_user_meters (
                user_id text NOT NULL,
                meter_id text NOT NULL,
                PRIMARY KEY (user_id, meter_id))
            """,
            $"""
            CREATE TABLE rm_tokens (
                asset text PRIMARY KEY,
                total_minted {dec} NOT NULL,
                mints bigint NOT NULL,
                holders bigint NOT NULL,
                last_mint_at bigint NULL)
            """,
        ];
    }
}
