namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>
/// A journaled command. The journal records inputs (with the ids and clock readings they were given), not
/// outcomes: replaying the commands through the deterministic engine rebuilds the exact state.
/// </summary>
[GenerateSerializer]
[Alias("gtx.trading.stored.MarketCommand")]
public abstract record MarketCommand([property: Id(0)] long Sequence, [property: Id(1)] long TimestampMs);
