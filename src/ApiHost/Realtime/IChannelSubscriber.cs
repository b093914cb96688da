namespace GridTokenX.ApiHost.Realtime;

/// <summary>A socket as the hub sees it: takes a serialized event without ever blocking the caller.</summary>
public interface IChannelSubscriber
{
    void Deliver(EventFrame frame);
}
