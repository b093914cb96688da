using GridTokenX.ApiHost.Trading;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;

namespace GridTokenX.ApiHost.Markets;

/// <summary>
/// A page of a market's trades, newest first by trade number. Trade numbers are dense (every number from 1 to the
/// latest is a trade) and the market always holds its newest trades, so a page the market answers in full with
/// consecutive numbers is provably the whole page and needs no database; otherwise (the market holds less, e.g. its
/// older history was trimmed) the read model's trades below the same number are merged in.
/// </summary>
public sealed class MarketTradePages(IGrainFactory grains, IReadModelReader history)
{
    public const string UnknownCursor = "'before' is not a trade of this market (the trade_id of the last trade of the previous page).";

    /// <summary>The page, or null when <paramref name="before"/> names no trade of this market.</summary>
    public async Task<IReadOnlyList<Trade>?> ReadAsync(string symbol, PageCursor? before, int limit, CancellationToken cancellationToken)
    {
        var market = grains.GetGrain<IOrderBookGrain>(symbol);
        if (before is not null && (before.Symbol != symbol
            || (await market.GetTrade(before.Id) ?? await history.GetTradeAsync(before.Id, cancellationToken)) is null))
            return null;

        var fresh = await market.GetTradesBefore(before?.Number, limit);
        if (IsWholePage(fresh, before?.Number, limit)) return fresh;
        var stored = await history.GetMarketTradesBelowAsync(symbol, before?.Number, limit, cancellationToken);
        return PageMerge.Take(fresh, stored, t => t.TradeId, (a, b) => Number(b).CompareTo(Number(a)), limit);
    }

    private static bool IsWholePage(IReadOnlyList<Trade> fresh, long? before, int limit)
    {
        if (fresh.Count < limit) return false;
        var expected = before ?? Number(fresh[0]) + 1;
        foreach (var trade in fresh)
        {
            if (Number(trade) != --expected) return false;
        }

        return true;
    }

    private static long Number(Trade trade) => OrderIds.TryParseTrade(trade.TradeId, out _, out var n) ? n : 0;
}
