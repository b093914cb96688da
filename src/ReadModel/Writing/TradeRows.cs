using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Storage;

namespace GridTokenX.ReadModel.Writing;

/// <summary><c>rm_trades</c> and each party's index row in <c>rm_user_trades</c>; a trade is stored once, by id.</summary>
internal static class TradeRows
{
    /// <returns>Whether the trade is new (the aggregates then count it).</returns>
    public static async Task<bool> InsertAsync(WriteContext context, NumberedTrade numbered, string source, long position)
    {
        var t = numbered.Trade;
        var inserted = await context.ExecuteAsync(context.Command("""
                INSERT INTO rm_trades (trade_id, symbol, number, price, quantity, value, buy_order_id, sell_order_id, buyer_id,
                    seller_id, maker_side, executed_at, source, source_position)
                VALUES (@id, @sym, @n, @p, @q, @v, @bo, @so, @b, @s, @m, @at, @src, @pos)
                ON CONFLICT DO NOTHING
                """)
            .With("@id", t.TradeId).With("@sym", t.Symbol).With("@n", numbered.Number)
            .WithDecimal(context.Dialect, "@p", t.Price).WithDecimal(context.Dialect, "@q", t.Quantity).WithDecimal(context.Dialect, "@v", numbered.Value)
            .With("@bo", t.BuyOrderId).With("@so", t.SellOrderId).With("@b", t.BuyerId).With("@s", t.SellerId)
            .With("@m", EnumText<Grains.Abstractions.Trading.OrderSide>.Of(t.MakerSide)).With("@at", t.ExecutedAt.UtcTicks)
            .With("@src", source).With("@pos", position)) == 1;
        if (!inserted) return false;

        await InsertPartyAsync(context, numbered, t.BuyerId, TradeRole.Buyer);
        await InsertPartyAsync(context, numbered, t.SellerId, TradeRole.Seller);
        return true;
    }

    private static Task<int> InsertPartyAsync(WriteContext context, NumberedTrade numbered, string userId, TradeRole role) =>
        context.ExecuteAsync(context.Command("""
                INSERT INTO rm_user_trades (user_id, trade_id, role, symbol, number, executed_at) VALUES (@u, @id, @r, @sym, @n, @at)
                ON CONFLICT DO NOTHING
                """)
            .With("@u", userId).With("@id", numbered.Trade.TradeId).With("@r", EnumText<TradeRole>.Of(role))
            .With("@sym", numbered.Trade.Symbol).With("@n", numbered.Number).With("@at", numbered.Trade.ExecutedAt.UtcTicks));
}
