namespace GridTokenX.Grains.Abstractions.Minting;

[GenerateSerializer, Immutable]
[Alias("gtx.minting.Meter")]
public sealed record Meter([property: Id(0)] string MeterId, [property: Id(1)] string UserId, [property: Id(2)] DateTimeOffset RegisteredAt);
