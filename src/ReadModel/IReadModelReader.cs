using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel.Model;

namespace GridTokenX.ReadModel;

/// <summary>
/// Queries over the read model; each does work bounded by its page or by a fixed window, never by a market's age.
/// Lists are newest first and page with <see cref="Page.Before"/> (docs/read-model.md, "Paging"): walking pages until
/// an empty one yields every item exactly once, in one fixed order, however items arrive meanwhile.
/// </summary>
public interface IReadModelReader
{
    Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>A user's orders, newest first by (created_at desc, symbol asc ordinal, order number desc).</summary>
    Task<IReadOnlyList<Order>> GetUserOrdersAsync(string userId, OrderListStatus status, string? symbol, Page page, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="GetUserOrdersAsync"/>, cut at a position rather than an id: the page a caller merges with another
    /// source (the markets) is cut where that source's is, even when the item at the cut is not stored here (yet).
    /// </summary>
    Task<IReadOnlyList<Order>> GetUserOrdersAfterAsync(string userId, OrderListStatus status, string? symbol, ListPosition? after, int limit,
        CancellationToken cancellationToken);

    Task<Trade?> GetTradeAsync(string tradeId, CancellationToken cancellationToken);

    /// <summary>A user's fills with their role, newest first by (executed_at desc, symbol asc ordinal, trade number desc).</summary>
    Task<IReadOnlyList<UserTrade>> GetUserTradesAsync(string userId, string? symbol, Page page, CancellationToken cancellationToken);

    /// <summary>As <see cref="GetUserTradesAsync"/>, cut at a position (see <see cref="GetUserOrdersAfterAsync"/>).</summary>
    Task<IReadOnlyList<UserTrade>> GetUserTradesAfterAsync(string userId, string? symbol, ListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>A market's trades, newest first by trade number (the market's own order of execution).</summary>
    Task<IReadOnlyList<Trade>> GetMarketTradesAsync(string symbol, Page page, CancellationToken cancellationToken);

    /// <summary>A market's trades numbered below <paramref name="beforeNumber"/> (null: from the newest), newest first.</summary>
    Task<IReadOnlyList<Trade>> GetMarketTradesBelowAsync(string symbol, long? beforeNumber, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The <paramref name="limit"/> latest candles opening at or before <paramref name="end"/>, oldest first;
    /// intervals without trades are omitted.
    /// </summary>
    Task<IReadOnlyList<Candle>> GetCandlesAsync(string symbol, CandleInterval interval, DateTimeOffset end, int limit, CancellationToken cancellationToken);

    /// <summary>The market's 24-hour figures from its last 1,440 one-minute candles, and its running all-time totals.</summary>
    Task<MarketStats> GetMarketStatsAsync(string symbol, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The KWH token's figures.</summary>
    Task<TokenMetadata> GetTokenMetadataAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task<UserProfile> GetUserProfileAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);
}
