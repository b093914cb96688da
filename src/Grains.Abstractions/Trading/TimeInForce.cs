namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer]
public enum TimeInForce : byte
{
    Gtc,
    Ioc,
    Fok,
}
