namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);
