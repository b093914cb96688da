using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ReadModel;

/// <summary>
/// What one source (a market symbol, or e.g. "mints") produced up to <paramref name="Position"/>: the consumer reads
/// the source in order and hands each step over with its position (a journal sequence, a stream offset). Items may
/// repeat within and across batches; each is stored once.
/// </summary>
/// <param name="Source">Names the ordered stream the position counts in; positions of different sources are unrelated.</param>
/// <param name="Position">Increases from batch to batch of the source; a batch at or below the stored one is skipped.</param>
public sealed record ReadModelBatch(string Source, long Position)
{
    public IReadOnlyList<Trade> Trades { get; init; } = [];

    /// <summary>Orders in their latest known state (final or not); a later state replaces an earlier one.</summary>
    public IReadOnlyList<Order> Orders { get; init; } = [];

    public IReadOnlyList<Reading> Readings { get; init; } = [];

    public IReadOnlyList<Mint> Mints { get; init; } = [];
}
