using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ReadModel.Writing;

/// <summary>
/// Refuses a batch the read model could not store faithfully, before anything is written: ids it cannot order
/// (paging and candle open/close rely on the number inside trade and order ids) or that disagree with their symbol.
/// </summary>
internal static class BatchValidator
{
    public const int MaxSourceLength = 128;

    public static void Validate(ReadModelBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (string.IsNullOrWhiteSpace(batch.Source) || batch.Source.Length > MaxSourceLength)
            throw new ArgumentException($"A batch's source must be 1 to {MaxSourceLength} characters.", nameof(batch));
        if (batch.Position < 0) throw new ArgumentException("A batch's position must not be negative.", nameof(batch));
        if (batch.Readings.Any(r => r is null || !MintingIds.IsValidReadingId(r.ReadingId)))
            throw new ArgumentException("A reading is missing or has an invalid reading id.", nameof(batch));
        if (batch.Mints.Any(m => m is null || string.IsNullOrEmpty(m.MintId) || !MintingIds.IsValidReadingId(m.ReadingId)))
            throw new ArgumentException("A mint is missing or has an invalid mint or reading id.", nameof(batch));
    }

    /// <summary>The batch's distinct trades, in trade order within each market.</summary>
    public static List<NumberedTrade> Trades(ReadModelBatch batch)
    {
        var trades = new Dictionary<string, NumberedTrade>(StringComparer.Ordinal);
        foreach (var trade in batch.Trades)
        {
            if (trade is null || !OrderIds.TryParseTrade(trade.TradeId, out var symbol, out var number) || symbol != trade.Symbol)
                throw new ArgumentException($"Trade '{trade?.TradeId}' has no '{{symbol}}.T{{n}}' id matching its symbol.", nameof(batch));
            trades.TryAdd(trade.TradeId, new NumberedTrade(trade, number));
        }

        return [.. trades.Values.OrderBy(t => t.Trade.Symbol, StringComparer.Ordinal).ThenBy(t => t.Number)];
    }

    /// <summary>Each order's latest state in the batch (latest <c>updated_at</c>, then the later item), by market and number.</summary>
    public static List<(Order Order, long Number)> Orders(ReadModelBatch batch)
    {
        var latest = new Dictionary<string, (Order Order, long Number)>(StringComparer.Ordinal);
        foreach (var order in batch.Orders)
        {
            if (order is null || !OrderIds.TryParseOrder(order.OrderId, out var symbol, out var number) || symbol != order.Symbol)
                throw new ArgumentException($"Order '{order?.OrderId}' has no '{{symbol}}.{{n}}' id matching its symbol.", nameof(batch));
            if (!latest.TryGetValue(order.OrderId, out var seen) || order.UpdatedAt >= seen.Order.UpdatedAt) latest[order.OrderId] = (order, number);
        }

        return [.. latest.Values.OrderBy(o => o.Order.Symbol, StringComparer.Ordinal).ThenBy(o => o.Number)];
    }
}
