using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary>
/// <c>rm_orders</c>: one row per order id holding its latest state. A state replaces the stored one when its
/// <c>updated_at</c> is later, or equal and written from the same or a later position (so an older state that
/// arrives late never wins).
/// </summary>
internal static class OrderRows
{
    private const string Columns = """
        symbol = @sym, number = @n, client_order_id = @coid, user_id = @u, side = @side, order_type = @type,
        time_in_force = @tif, price = @p, quantity = @q, filled_quantity = @fq, remaining_quantity = @rq, average_price = @ap,
        status = @st, cancel_reason = @cr, created_at = @ca, updated_at = @ua, source = @src, source_position = @pos
        """;

    /// <returns>Whether the order is new to the read model (its owner's order count then grows).</returns>
    public static async Task<bool> UpsertAsync(WriteContext context, Order order, long number, string source, long position)
    {
        var inserted = await context.ExecuteAsync(Bind(context, context.Command("""
            INSERT INTO rm_orders (order_id, symbol, number, client_order_id, user_id, side, order_type, time_in_force, price, quantity,
                filled_quantity, remaining_quantity, average_price, status, cancel_reason, created_at, updated_at, source, source_position)
            VALUES (@id, @sym, @n, @coid, @u, @side, @type, @tif, @p, @q, @fq, @rq, @ap, @st, @cr, @ca, @ua, @src, @pos)
            ON CONFLICT (order_id) DO NOTHING
            """), order, number, source, position)) == 1;
        if (inserted) return true;

        await context.ExecuteAsync(Bind(context, context.Command($"""
            UPDATE rm_orders SET {Columns}
            WHERE order_id = @id AND (updated_at < @ua OR (updated_at = @ua AND source_position <= @pos))
            """), order, number, source, position));
        return false;
    }

    private static System.Data.Common.DbCommand Bind(WriteContext context, System.Data.Common.DbCommand command, Order o, long number, string source, long position) =>
        command.With("@id", o.OrderId).With("@sym", o.Symbol).With("@n", number).With("@coid", o.ClientOrderId).With("@u", o.UserId)
            .With("@side", EnumText<OrderSide>.Of(o.Side)).With("@type", EnumText<OrderType>.Of(o.Type))
            .With("@tif", EnumText<TimeInForce>.Of(o.TimeInForce))
            .WithDecimal(context.Dialect, "@p", o.Price).WithDecimal(context.Dialect, "@q", o.Quantity)
            .WithDecimal(context.Dialect, "@fq", o.FilledQuantity).WithDecimal(context.Dialect, "@rq", o.RemainingQuantity)
            .WithDecimal(context.Dialect, "@ap", o.AveragePrice).With("@st", EnumText<OrderStatus>.Of(o.Status))
            .With("@cr", o.CancelReason == CancelReason.None ? null : EnumText<CancelReason>.Of(o.CancelReason))
            .With("@ca", o.CreatedAt.UtcTicks).With("@ua", o.UpdatedAt.UtcTicks).With("@src", source).With("@pos", position);
}
