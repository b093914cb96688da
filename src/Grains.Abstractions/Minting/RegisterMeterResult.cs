namespace GridTokenX.Grains.Abstractions.Minting;

[GenerateSerializer, Immutable]
[Alias("gtx.minting.RegisterMeterResult")]
public sealed record RegisterMeterResult([property: Id(0)] RegisterMeterOutcome Outcome, [property: Id(1)] Meter Meter);
