using GridTokenX.Grains.Trading.Persistence;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// A checkpoint as the market hands it to its owner: immutable records, safe to encode on another thread.
/// </summary>
/// <param name="RestingChanged">Resting orders that are new or were filled since the previous checkpoint.</param>
/// <param name="RestingEnded">Orders that rested at some point since the previous checkpoint and no longer do.</param>
public sealed record MarketCheckpoint(
    MarketSnapshot State,
    MarketHistorySegment History,
    IReadOnlyList<OrderRecord> RestingChanged,
    IReadOnlyList<long> RestingEnded);
