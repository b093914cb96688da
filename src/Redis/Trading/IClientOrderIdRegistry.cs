namespace GridTokenX.Redis.Trading;

/// <summary>
/// Remembers which market each (user, client_order_id) was first used in, so a reuse in another market is refused
/// even though each market's grain only knows its own orders.
/// </summary>
public interface IClientOrderIdRegistry
{
    /// <summary>Claims the id for <paramref name="symbol"/> if it is free; returns the market that owns it.</summary>
    /// <exception cref="ClientOrderIdRegistryUnavailableException">The registry could not be asked; retry later.</exception>
    ValueTask<string> ClaimAsync(string userId, string clientOrderId, string symbol, CancellationToken cancellationToken);
}
