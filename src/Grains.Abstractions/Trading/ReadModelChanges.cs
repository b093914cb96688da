namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>
/// A market's durable changes after a journal sequence, complete through <paramref name="UpTo"/>: its trades in that
/// range and the orders that changed in it, each in its latest state (which may be newer than <paramref name="UpTo"/>).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.trading.ReadModelChanges")]
public sealed record ReadModelChanges(
    [property: Id(0)] long UpTo,
    [property: Id(1)] IReadOnlyList<Trade> Trades,
    [property: Id(2)] IReadOnlyList<Order> Orders);
