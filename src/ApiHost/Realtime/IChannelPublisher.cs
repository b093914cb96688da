namespace GridTokenX.ApiHost.Realtime;

/// <summary>Publishes an event to a channel of this process's in-memory source (tests, standalone mode).</summary>
public interface IChannelPublisher
{
    ValueTask PublishAsync(string channel, WireEvent wireEvent, CancellationToken cancellationToken = default);
}
