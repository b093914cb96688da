using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;

namespace GridTokenX.ApiHost.Trading;

/// <summary>
/// A page of the caller's fills: the markets' recent trades merged with the read model's (every trade, lagging by the
/// projector), cut at the same position in both (docs/api.md "Paging and limits").
/// </summary>
public sealed class FillPages(IGrainFactory grains, IReadModelReader history, MarketCatalog catalog)
{
    public const string UnknownCursor = "'before' is not one of your trades in this list (the trade_id of the last trade of the previous page, with the same symbol filter).";

    /// <summary>The page, or null when <paramref name="before"/> names no fill of this user in this list.</summary>
    public async Task<IReadOnlyList<Trade>?> ReadAsync(string userId, string? symbol, PageCursor? before, int limit, CancellationToken cancellationToken)
    {
        ListPosition? after = null;
        if (before is not null && (after = await before.LocateAsync(symbol, catalog, () => PositionAsync(userId, before, cancellationToken))) is null)
            return null;

        var markets = PageCursor.Markets(symbol, catalog);
        var stored = history.GetUserTradesAfterAsync(userId, symbol, after, limit, cancellationToken);
        var fresh = await Task.WhenAll(markets.Select(m => grains.GetGrain<IOrderBookGrain>(m.Symbol).GetUserTradesBefore(userId, after, limit)));
        // A market removed from the configuration cannot be rendered (no tick or lot size); its stored trades are left out.
        return PageMerge.Take(fresh.SelectMany(t => t), (await stored).Select(t => t.Trade).Where(t => catalog.TryGet(t.Symbol, out _)), t => t.TradeId,
            (a, b) => ListPosition.NewestFirst(ListPosition.Of(a), ListPosition.Of(b)), limit);
    }

    private async Task<ListPosition?> PositionAsync(string userId, PageCursor before, CancellationToken cancellationToken)
    {
        // Trades are public, so the market answers without an owner check; the fill must still be the caller's.
        var trade = await grains.GetGrain<IOrderBookGrain>(before.Symbol).GetTrade(before.Id) ?? await history.GetTradeAsync(before.Id, cancellationToken);
        return trade is not null && (trade.BuyerId == userId || trade.SellerId == userId) && trade.Symbol == before.Symbol ? ListPosition.Of(trade) : null;
    }
}
