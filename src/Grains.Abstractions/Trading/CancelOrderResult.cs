namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.CancelOrderResult")]
public sealed record CancelOrderResult(
    [property: Id(0)] CancelOrderOutcome Outcome,
    [property: Id(1)] Order? Order);
