namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>One activation per market symbol owns that market's book, orders and trades.</summary>
public interface IOrderBookGrain : IGrainWithStringKey
{
    /// <summary>Matches the order and returns once it is durable in the market journal.</summary>
    Task<PlaceOrderResult> PlaceOrder(PlaceOrderCommand command);

    /// <summary>Cancels a resting order of <paramref name="userId"/>; another user's order is reported as not found.</summary>
    Task<CancelOrderResult> CancelOrder(string userId, string orderId);

    /// <summary>The order, or null when it does not exist or belongs to someone other than <paramref name="userId"/>.</summary>
    Task<Order?> GetOrder(string userId, string orderId);

    Task<IReadOnlyList<Order>> GetUserOrders(string userId, bool openOnly, int limit);

    Task<IReadOnlyList<Trade>> GetUserTrades(string userId, int limit);

    Task<OrderBookView> GetBook(int depth);

    Task<IReadOnlyList<Trade>> GetTrades(int limit);

    Task<Ticker> GetTicker();
}
