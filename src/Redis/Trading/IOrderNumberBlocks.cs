namespace GridTokenX.Redis.Trading;

/// <summary>
/// Hands a market's activation blocks of order numbers no activation of that market has ever had. An order's number
/// is fixed before it reserves funds (the reservation names the order), so a number taken by an activation that then
/// died must never be handed out again: the new activation would otherwise place a different order under the
/// reservation of the dead one's.
/// </summary>
public interface IOrderNumberBlocks
{
    /// <summary>The first number of a new block of <paramref name="size"/>; never below <paramref name="floor"/>.</summary>
    /// <exception cref="ClientOrderIdRegistryUnavailableException">Storage could not be reached; retry later.</exception>
    ValueTask<long> TakeAsync(string symbol, long floor, int size, CancellationToken cancellationToken);
}
