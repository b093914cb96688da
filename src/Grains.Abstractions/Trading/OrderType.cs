namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.OrderType")]
public enum OrderType : byte
{
    Limit,
    Market,
}
