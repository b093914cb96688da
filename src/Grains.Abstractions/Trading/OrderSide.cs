namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.OrderSide")]
public enum OrderSide : byte
{
    Buy,
    Sell,
}
