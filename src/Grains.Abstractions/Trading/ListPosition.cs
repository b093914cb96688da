namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>
/// Where an order or a fill sits in a user's newest-first list: by its time (created_at of an order, executed_at of a
/// fill), then symbol ascending (ordinal), then its number within the market descending. Every source of such a list
/// (the markets, the read model) orders by exactly this key, so a page cut at a position in one source lines up with
/// the same cut in the other (API.md "Paging").
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.trading.ListPosition")]
public sealed record ListPosition(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Symbol,
    [property: Id(2)] long Number)
{
    /// <summary>True when an item at (<paramref name="time"/>, <paramref name="symbol"/>, <paramref name="number"/>) comes after this position, i.e. is older.</summary>
    public bool IsFollowedBy(DateTimeOffset time, string symbol, long number) => Compare(Time, Symbol, Number, time, symbol, number) < 0;

    /// <summary>The list order: negative when <paramref name="a"/> comes first (is newer).</summary>
    public static int NewestFirst(ListPosition a, ListPosition b) => Compare(a.Time, a.Symbol, a.Number, b.Time, b.Symbol, b.Number);

    private static int Compare(DateTimeOffset aTime, string aSymbol, long aNumber, DateTimeOffset bTime, string bSymbol, long bNumber)
    {
        if (aTime != bTime) return bTime.CompareTo(aTime);
        var bySymbol = string.CompareOrdinal(aSymbol, bSymbol);
        return bySymbol != 0 ? bySymbol : bNumber.CompareTo(aNumber);
    }

    public static ListPosition Of(Order order) =>
        new(order.CreatedAt, order.Symbol, OrderIds.TryParseOrder(order.OrderId, out _, out var n) ? n : 0);

    public static ListPosition Of(Trade trade) =>
        new(trade.ExecutedAt, trade.Symbol, OrderIds.TryParseTrade(trade.TradeId, out _, out var n) ? n : 0);
}
