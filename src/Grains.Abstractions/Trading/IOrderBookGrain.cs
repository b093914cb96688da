namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>One activation per market symbol owns that market's book, orders and trades.</summary>
[Alias("gtx.trading.IOrderBookGrain")]
public interface IOrderBookGrain : IGrainWithStringKey
{
    /// <summary>Matches the order and returns once it is durable in the market journal.</summary>
    [Alias("PlaceOrder")]
    Task<PlaceOrderResult> PlaceOrder(PlaceOrderCommand command);

    /// <summary>Cancels a resting order of <paramref name="userId"/>; another user's order is reported as not found.</summary>
    [Alias("CancelOrder")]
    Task<CancelOrderResult> CancelOrder(string userId, string orderId);

    /// <summary>The order, or null when it does not exist or belongs to someone other than <paramref name="userId"/>.</summary>
    [Alias("GetOrder")]
    Task<Order?> GetOrder(string userId, string orderId);

    [Alias("GetUserOrders")]
    Task<IReadOnlyList<Order>> GetUserOrders(string userId, bool openOnly, int limit);

    /// <summary>
    /// Up to <paramref name="limit"/> of the user's orders this market holds that come after <paramref name="before"/>
    /// (null: from the newest) in the user's list order (<see cref="ListPosition"/>), newest first.
    /// </summary>
    [Alias("GetUserOrdersBefore")]
    Task<IReadOnlyList<Order>> GetUserOrdersBefore(string userId, bool openOnly, ListPosition? before, int limit);

    [Alias("GetUserTrades")]
    Task<IReadOnlyList<Trade>> GetUserTrades(string userId, int limit);

    /// <summary>The user's fills this market holds that come after <paramref name="before"/>, newest first (as <see cref="GetUserOrdersBefore"/>).</summary>
    [Alias("GetUserTradesBefore")]
    Task<IReadOnlyList<Trade>> GetUserTradesBefore(string userId, ListPosition? before, int limit);

    /// <summary>The trade, or null when this market does not hold it (trades are public: no owner check).</summary>
    [Alias("GetTrade")]
    Task<Trade?> GetTrade(string tradeId);

    [Alias("GetBook")]
    Task<OrderBookView> GetBook(int depth);

    [Alias("GetTrades")]
    Task<IReadOnlyList<Trade>> GetTrades(int limit);

    /// <summary>Up to <paramref name="limit"/> of the trades this market holds numbered below <paramref name="beforeNumber"/> (null: from the newest), newest first.</summary>
    [Alias("GetTradesBefore")]
    Task<IReadOnlyList<Trade>> GetTradesBefore(long? beforeNumber, int limit);

    [Alias("GetTicker")]
    Task<Ticker> GetTicker();

    /// <summary>
    /// Up to <paramref name="max"/> durable trades after trade number <paramref name="afterTrade"/>, oldest first. Only the
    /// market's settler calls it, with its cursor: the market takes every trade up to <paramref name="afterTrade"/> as
    /// settled and may trim it from its history.
    /// </summary>
    [Alias("GetTradesToSettle")]
    Task<IReadOnlyList<Settlement.SettleableTrade>> GetTradesToSettle(long afterTrade, int max);

    /// <summary>Trade number <paramref name="number"/> once durable, or null when it does not exist or was trimmed from the market's history.</summary>
    [Alias("GetTradeToSettle")]
    Task<Settlement.SettleableTrade?> GetTradeToSettle(long number);

    /// <summary>
    /// The durable trades and order changes after journal sequence <paramref name="afterSequence"/> (about
    /// <paramref name="max"/> of each at most): what the read model's projector stores, with <see cref="ReadModelChanges.UpTo"/> as its position.
    /// Only the projector calls it, with the position its database stored: the market takes every change up to
    /// <paramref name="afterSequence"/> as durably held by the read model and may trim it from its history.
    /// </summary>
    [Alias("GetReadModelChanges")]
    Task<ReadModelChanges> GetReadModelChanges(long afterSequence, int max);

    /// <summary>What the market knows of the orders that reservations were made for (the reservation sweeper asks).</summary>
    [Alias("ResolveReservations")]
    Task<IReadOnlyList<OrderReservationState>> ResolveReservations(IReadOnlyList<string> orderIds);
}
