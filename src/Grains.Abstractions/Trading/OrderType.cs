namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
public enum OrderType : byte
{
    Limit,
    Market,
}
