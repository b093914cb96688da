namespace GridTokenX.ApiHost.Realtime;

/// <summary>An event envelope serialized once per host and shared by every socket on the channel.</summary>
public sealed record EventFrame(string Channel, string Type, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Only book snapshots may be replaced by a newer one: each carries the whole top of book.</summary>
    public bool Coalescible => Type == Grains.Abstractions.Events.EventTypes.OrderBookUpdate;
}
