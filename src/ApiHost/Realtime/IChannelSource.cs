namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Where a host's events come from: <see cref="OrleansChannelSource"/> in production; tests plug in an in-process
/// source to publish events of their own. The hub calls <see cref="SubscribeAsync"/> once per channel per host,
/// however many sockets want it, and disposes the handle when the last socket leaves.
/// </summary>
/// <remarks>
/// Contract: events of one channel reach the observer one at a time (the next call only after the previous one's
/// task completed), in the order they happened; after the handle is disposed no further call is made.
/// The observer never blocks on sockets, so a source may await it.
/// </remarks>
public interface IChannelSource
{
    ValueTask<IAsyncDisposable> SubscribeAsync(string channel, IChannelObserver observer, CancellationToken cancellationToken);
}
