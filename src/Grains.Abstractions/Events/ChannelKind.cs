namespace GridTokenX.Grains.Abstractions.Events;

[GenerateSerializer]
public enum ChannelKind : byte
{
    Market,
    Orders,
    Trades,
    User,
    SystemAlerts,
}
