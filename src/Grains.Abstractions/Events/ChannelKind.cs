namespace GridTokenX.Grains.Abstractions.Events;

[GenerateSerializer]
[Alias("gtx.events.ChannelKind")]
public enum ChannelKind : byte
{
    Market,
    Orders,
    Trades,
    User,
    SystemAlerts,
}
