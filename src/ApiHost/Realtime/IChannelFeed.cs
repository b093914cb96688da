namespace GridTokenX.ApiHost.Realtime;

/// <summary>This host's channel hub: sockets join and leave channels; the hub keeps one source subscription per channel.</summary>
public interface IChannelFeed
{
    ValueTask SubscribeAsync(string channel, IChannelSubscriber subscriber, CancellationToken cancellationToken);

    ValueTask UnsubscribeAsync(string channel, IChannelSubscriber subscriber, CancellationToken cancellationToken);
}
