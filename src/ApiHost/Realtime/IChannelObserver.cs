namespace GridTokenX.ApiHost.Realtime;

/// <summary>What a source calls for every event of a channel it was asked to deliver.</summary>
public interface IChannelObserver
{
    ValueTask OnEventAsync(string channel, WireEvent wireEvent, CancellationToken cancellationToken);
}
