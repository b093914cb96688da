using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ApiHost.Trading;

/// <summary>
/// A page of the caller's orders (docs/api.md "Paging and limits"). Open orders are live, so <c>status=open</c> is
/// read from the markets alone; <c>status=all</c> also reads the read model, which holds every final order, including
/// those a market no longer holds. Read-model failures surface as exceptions (the endpoint turns them into 503).
/// </summary>
public sealed class OrderPages(IGrainFactory grains, IReadModelReader history, MarketCatalog catalog)
{
    public const string UnknownCursor = "'before' is not one of your orders in this list (the order_id of the last order of the previous page, with the same symbol filter).";

    /// <summary>The page, or null when <paramref name="before"/> names no order of this user in this list.</summary>
    public async Task<IReadOnlyList<Order>?> ReadAsync(string userId, bool openOnly, string? symbol, PageCursor? before, int limit,
        CancellationToken cancellationToken)
    {
        ListPosition? after = null;
        if (before is not null && (after = await before.LocateAsync(symbol, catalog, () => PositionAsync(userId, before, cancellationToken))) is null)
            return null;

        var markets = PageCursor.Markets(symbol, catalog);
        var stored = openOnly
            ? Task.FromResult<IReadOnlyList<Order>>([])
            : history.GetUserOrdersAfterAsync(userId, OrderListStatus.All, symbol, after, limit, cancellationToken);
        var fresh = await Task.WhenAll(markets.Select(m => grains.GetGrain<IOrderBookGrain>(m.Symbol).GetUserOrdersBefore(userId, openOnly, after, limit)));
        // A market removed from the configuration cannot be rendered (no tick or lot size); its stored orders are left out.
        return PageMerge.Take(fresh.SelectMany(o => o), (await stored).Where(o => catalog.TryGet(o.Symbol, out _)), o => o.OrderId,
            (a, b) => ListPosition.NewestFirst(ListPosition.Of(a), ListPosition.Of(b)), limit);
    }

    /// <summary>Where the cursor order sits: from its market if it still holds it, else from the read model; another user's is unknown.</summary>
    private async Task<ListPosition?> PositionAsync(string userId, PageCursor before, CancellationToken cancellationToken)
    {
        var order = await grains.GetGrain<IOrderBookGrain>(before.Symbol).GetOrder(userId, before.Id)
            ?? await history.GetOrderAsync(before.Id, cancellationToken);
        return order is not null && order.UserId == userId && order.Symbol == before.Symbol ? ListPosition.Of(order) : null;
    }
}
