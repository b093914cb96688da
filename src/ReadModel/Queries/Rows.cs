using System.Data.Common;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Queries;

/// <summary>The column lists the reader selects, and the records they map back to.</summary>
internal static class Rows
{
    public const string OrderColumns = """
        o.order_id, o.client_order_id, o.user_id, o.symbol, o.side, o.order_type, o.time_in_force, o.price, o.quantity, o.filled_quantity,
        o.remaining_quantity, o.average_price, o.status, o.cancel_reason, o.created_at, o.updated_at
        """;

    public const string TradeColumns = """
        t.trade_id, t.symbol, t.price, t.quantity, t.buy_order_id, t.sell_order_id, t.buyer_id, t.seller_id, t.maker_side, t.executed_at
        """;

    public static Order Order(DbDataReader r, SqlDialect d) => new(
        r.GetString(0),
        r.GetNullableString(1),
        r.GetString(2),
        r.GetString(3),
        EnumText<OrderSide>.Parse(r.GetString(4)),
        EnumText<OrderType>.Parse(r.GetString(5)),
        EnumText<TimeInForce>.Parse(r.GetString(6)),
        r.IsDBNull(7) ? null : d.ReadDecimal(r, 7),
        d.ReadDecimal(r, 8),
        d.ReadDecimal(r, 9),
        d.ReadDecimal(r, 10),
        r.IsDBNull(11) ? null : d.ReadDecimal(r, 11),
        EnumText<OrderStatus>.Parse(r.GetString(12)),
        r.IsDBNull(13) ? CancelReason.None : EnumText<CancelReason>.Parse(r.GetString(13)),
        Time(r.GetInt64(14)),
        Time(r.GetInt64(15)));

    public static Trade Trade(DbDataReader r, SqlDialect d) => new(
        r.GetString(0),
        r.GetString(1),
        d.ReadDecimal(r, 2),
        d.ReadDecimal(r, 3),
        r.GetString(4),
        r.GetString(5),
        r.GetString(6),
        r.GetString(7),
        EnumText<OrderSide>.Parse(r.GetString(8)),
        Time(r.GetInt64(9)));

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? Time(long? ticks) => ticks is { } t ? Time(t) : null;
}
