using GridTokenX.Grains.Abstractions.Events;
using Orleans.Streams;
using GrainEvent = GridTokenX.Grains.Abstractions.Events.ChannelEvent;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Feeds the hub from the Orleans stream of each channel (one subscription per channel per host, as the hub asks).
/// Delivery is at-least-once, so events already seen on a channel (by id) are dropped here, before any socket.
/// </summary>
public sealed class OrleansChannelSource(IClusterClient client, WireEventMapper mapper) : IChannelSource
{
    private const int RememberedIds = 4096;

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string channel, IChannelObserver observer, CancellationToken cancellationToken)
    {
        var (ns, key) = ChannelStreams.For(channel);
        var stream = client.GetStreamProvider(ChannelStreams.ProviderName).GetStream<GrainEvent>(StreamId.Create(ns, key));
        var seen = new RecentIds(RememberedIds);
        var handle = await stream.SubscribeAsync(async (e, _) =>
        {
            if (seen.Add(e.Id)) await observer.OnEventAsync(channel, mapper.Map(e), CancellationToken.None);
        }).WaitAsync(cancellationToken);
        return new Subscription(handle);
    }

    private sealed class Subscription(StreamSubscriptionHandle<GrainEvent> handle) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await handle.UnsubscribeAsync();
    }

    /// <summary>A bounded memory of recent ids: enough to catch redeliveries, which come close behind the original.</summary>
    private sealed class RecentIds(int capacity)
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Add(string id)
        {
            lock (_ids)
            {
                if (!_ids.Add(id)) return false;
                _order.Enqueue(id);
                if (_order.Count > capacity) _ids.Remove(_order.Dequeue());
                return true;
            }
        }
    }
}
