using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Redis.Streaming;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Feeds the hub from Orleans streams. A channel may be read from several streams and a stream may feed several
/// channels (a market's users' stream feeds every <c>orders:</c> and <c>trades:</c> channel; see
/// <see cref="ChannelStreams"/>), so this host holds one subscription per stream, taken for the first channel that
/// needs it and dropped with the last. Each stream's events are de-duplicated before any socket sees them.
/// A watchdog re-takes subscriptions Orleans dropped and fills the hole from Redis (<see cref="StreamFeed.RecoverAsync"/>).
/// </summary>
/// <param name="catchUp">Reads missed events back from Redis; null in standalone mode, where nothing is dropped.</param>
public sealed partial class OrleansChannelSource(IClusterClient client, MarketCatalog catalog, WireEventMapper mapper, RealtimeMetrics metrics,
    IOptions<RealtimeOptions> options, TimeProvider time, ILogger<OrleansChannelSource> logger, RedisStreamCatchUp? catchUp = null)
    : IChannelSource, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Namespace, string Key), StreamFeed> _feeds = [];
    private readonly string[] _symbols = [.. catalog.Markets.Select(m => m.Symbol)];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watchdog;
    private int _disposed;

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
                    var stream = client.GetStreamProvider(ChannelStreams.ProviderName).GetStream<ChannelEvent>(StreamId.Create(source.Namespace, source.Key));
                    feed = new StreamFeed(source, stream, mapper, source.Namespace is ChannelStreams.MarketPublicNamespace or ChannelStreams.MarketUsersNamespace, catchUp);
                    await feed.SubscribeAsync(cancellationToken).ConfigureAwait(false);
                    lock (_feeds) _feeds[source] = feed;
                    _watchdog ??= Task.Run(Watch, CancellationToken.None);
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
            lock (_feeds) _feeds.Remove(feed.Source);

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

    private async Task Watch()
    {
        var interval = options.Value.SubscriptionCheckInterval;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, _stopping.Token).ConfigureAwait(false);
                StreamFeed[] feeds;
                lock (_feeds) feeds = [.. _feeds.Values];
                foreach (var feed in feeds)
                {
                    try
                    {
                        await CheckAsync(feed).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException && !_stopping.IsCancellationRequested)
                    {
                        // The cluster or Redis may be away for a moment; this feed is tried again next round.
                        LogWatchFailed(logger, ex);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task CheckAsync(StreamFeed feed)
    {
        if (!feed.CatchUpOwed && await feed.IsSubscribedAsync().ConfigureAwait(false)) return;
        await _gate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            bool current;
            lock (_feeds) current = _feeds.TryGetValue(feed.Source, out var held) && ReferenceEquals(held, feed);
            if (!current) return;
            var (caughtUp, complete) = await feed.RecoverAsync(_stopping.Token).ConfigureAwait(false);
            metrics.SourceRecovered(caughtUp);
            if (complete) LogRecovered(logger, feed.Stream.StreamId.ToString(), caughtUp);
            else LogRecoveredWithGap(logger, feed.Stream.StreamId.ToString(), caughtUp);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The container may dispose it twice (registered as itself and as IChannelSource).
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_watchdog is { } watchdog) await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans dropped this host's subscription to stream {Stream}; subscribed again and read {CaughtUp} missed events back from Redis")]
    private static partial void LogRecovered(ILogger logger, string stream, int caughtUp);

    [LoggerMessage(Level = LogLevel.Error, Message = "Orleans dropped this host's subscription to stream {Stream}; subscribed again, but events older than the Redis retention may be lost ({CaughtUp} read back)")]
    private static partial void LogRecoveredWithGap(ILogger logger, string stream, int caughtUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the stream subscriptions failed; retrying")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);

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
