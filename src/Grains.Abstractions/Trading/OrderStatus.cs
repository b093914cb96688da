namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.OrderStatus")]
public enum OrderStatus : byte
{
    Open,
    PartiallyFilled,
    Filled,
    Cancelled,
}
