namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.BookLevel")]
public sealed record BookLevel(
    [property: Id(0)] decimal Price,
    [property: Id(1)] decimal Quantity,
    [property: Id(2)] int Orders);
