namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
[Alias("gtx.trading.TimeInForce")]
public enum TimeInForce : byte
{
    Gtc,
    Ioc,
    Fok,
}
