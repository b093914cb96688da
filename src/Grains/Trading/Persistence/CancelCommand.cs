namespace GridTokenX.Grains.Trading.Persistence;

[GenerateSerializer]
[Alias("gtx.trading.stored.CancelCommand")]
public sealed record CancelCommand(
    long Sequence,
    long TimestampMs,
    [property: Id(0)] long OrderNumber) : MarketCommand(Sequence, TimestampMs);
