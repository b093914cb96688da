namespace GridTokenX.ReadModel;

/// <summary>
/// The one way into the read model. A consumer that reads a market's journal (or any ordered stream) calls
/// <see cref="WriteAsync"/> with each batch and its position, and on restart resumes after
/// <see cref="GetPositionAsync"/>; delivering a batch again, or an older one, changes nothing.
/// </summary>
public interface IReadModelWriter
{
    /// <summary>
    /// In one transaction: stores the batch's items idempotently (trades, readings and mints once by id; orders
    /// upserted, the latest state kept), updates candles, market totals, user profiles and token figures for what
    /// was new, and advances the source's position.
    /// </summary>
    /// <returns>False when the batch was skipped because the source's stored position is already at or past it.</returns>
    /// <exception cref="ArgumentException">An item is malformed (an id not in the system's format, a symbol that disagrees with its id).</exception>
    Task<bool> WriteAsync(ReadModelBatch batch, CancellationToken cancellationToken);

    /// <summary>The position of the last batch stored for <paramref name="source"/>, or null before the first.</summary>
    Task<long?> GetPositionAsync(string source, CancellationToken cancellationToken);
}
