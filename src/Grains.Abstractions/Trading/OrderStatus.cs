namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
public enum OrderStatus : byte
{
    Open,
    PartiallyFilled,
    Filled,
    Cancelled,
}
