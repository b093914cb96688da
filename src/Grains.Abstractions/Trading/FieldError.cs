namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);
