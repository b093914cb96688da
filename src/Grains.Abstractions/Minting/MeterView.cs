namespace GridTokenX.Grains.Abstractions.Minting;

/// <summary>A meter and its latest reading (by reading timestamp), if it has posted one.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.minting.MeterView")]
public sealed record MeterView([property: Id(0)] Meter Meter, [property: Id(1)] Reading? LastReading);
