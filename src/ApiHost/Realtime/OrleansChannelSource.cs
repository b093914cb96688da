using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using Orleans.Streams;
using GrainEvent = GridTokenX.Grains.Abstractions.Events.ChannelEvent;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Feeds the hub from Orleans streams. A channel may be read from several streams and a stream may feed several
/// channels (a market's users' stream feeds every <c>orders:</c> and <c>trades:</c> channel; see
/// <see cref="ChannelStreams"/>), so this host holds one subscription per stream, taken for the first channel that
/// needs it and dropped with the last. Each stream's events are de-duplicated before any socket sees them.
/// </summary>
public sealed partial class OrleansChannelSource(IClusterClient client, MarketCatalog catalog, WireEventMapper mapper,
    ILogger<OrleansChannelSource> logger) : IChannelSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Namespace, string Key), StreamFeed> _feeds = [];
    private readonly string[] _symbols = [.. catalog.Markets.Select(m => m.Symbol)];

    /// <summary>Streams this host is subscribed to right now.</summary>
    public int StreamCount
    {
        get
        {
            lock (_feeds) return _feeds.Count;
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(string channel, IChannelObserver observer, CancellationToken cancellationToken)
    {
        var target = new ChannelTarget(channel, observer);
        var sources = ChannelStreams.Sources(channel, _symbols);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var joined = new List<StreamFeed>(sources.Count);
        try
        {
            foreach (var source in sources)
            {
                StreamFeed? feed;
                lock (_feeds) _feeds.TryGetValue(source, out feed);
                if (feed is null)
                {
                    feed = new StreamFeed(mapper, source.Namespace == ChannelStreams.MarketPublicNamespace || source.Namespace == ChannelStreams.MarketUsersNamespace);
                    var stream = client.GetStreamProvider(ChannelStreams.ProviderName).GetStream<GrainEvent>(StreamId.Create(source.Namespace, source.Key));
                    feed.Handle = await stream.SubscribeAsync(feed.OnNextAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
                    lock (_feeds) _feeds[source] = feed;
                }

                feed.Add(target);
                joined.Add(feed);
            }
        }
        catch
        {
            await LeaveAsync(target, joined).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }

        return new Subscription(this, target, joined);
    }

    private async Task LeaveAsync(ChannelTarget target, List<StreamFeed> feeds)
    {
        foreach (var feed in feeds)
        {
            if (!feed.Remove(target)) continue;
            lock (_feeds)
            {
                foreach (var (key, value) in _feeds)
                {
                    if (!ReferenceEquals(value, feed)) continue;
                    _feeds.Remove(key);
                    break;
                }
            }

            try
            {
                if (feed.Handle is { } handle) await handle.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The channel is leaving either way; a stream that failed to let go only costs this host stray events.
                LogUnsubscribeFailed(logger, ex, target.Channel);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a stream subscription behind channel {Channel} failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string channel);

    private sealed class Subscription(OrleansChannelSource source, ChannelTarget target, List<StreamFeed> feeds) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            await source._gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await source.LeaveAsync(target, feeds).ConfigureAwait(false);
            }
            finally
            {
                source._gate.Release();
            }
        }
    }
}
