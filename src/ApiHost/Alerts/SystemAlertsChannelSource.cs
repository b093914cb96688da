using GridTokenX.ApiHost.Realtime;
using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.ApiHost.Alerts;

/// <summary>
/// With market events off, the gateway's source is the in-process one; alerts are still published on their own
/// Orleans stream, so <c>system:alerts</c> alone is taken from there. With market events on, the Orleans source
/// serves every channel and this is not registered.
/// </summary>
public sealed class SystemAlertsChannelSource(OrleansChannelSource alerts, LocalChannelSource others) : IChannelSource
{
    public ValueTask<IAsyncDisposable> SubscribeAsync(string channel, IChannelObserver observer, CancellationToken cancellationToken) =>
        channel == ChannelNames.SystemAlerts
            ? alerts.SubscribeAsync(channel, observer, cancellationToken)
            : others.SubscribeAsync(channel, observer, cancellationToken);
}
