namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
public enum OrderSide : byte
{
    Buy,
    Sell,
}
