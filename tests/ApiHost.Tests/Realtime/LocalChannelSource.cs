using System.Collections.Concurrent;
using System.Collections.Immutable;
using GridTokenX.ApiHost.Realtime;

namespace GridTokenX.ApiHost.Tests.Realtime;

/// <summary>
/// An in-process source: what is published here goes straight to this host's subscribers, with no Orleans or Redis
/// in between. Tests publish events of their own through it; the fan-out bench host (which compiles this file too)
/// uses it as its baseline feed. Production hosts never use it.
/// </summary>
public sealed class LocalChannelSource : IChannelSource
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);

    /// <summary>How many source subscriptions a channel has right now (the hub should hold at most one).</summary>
    public int SubscriptionCount(string channel) => _topics.TryGetValue(channel, out var topic) ? topic.Observers.Length : 0;

    public ValueTask<IAsyncDisposable> SubscribeAsync(string channel, IChannelObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(observer);
        var topic = _topics.GetOrAdd(channel, static _ => new Topic());
        lock (topic) topic.Observers = topic.Observers.Add(observer);
        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(topic, observer));
    }

    public async ValueTask PublishAsync(string channel, WireEvent wireEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(wireEvent);
        if (!_topics.TryGetValue(channel, out var topic)) return;

        // Concurrent publishers of one channel take turns, so every observer sees the same order.
        await topic.Order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var observer in topic.Observers)
                await observer.OnEventAsync(channel, wireEvent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            topic.Order.Release();
        }
    }

    private sealed class Topic
    {
        public SemaphoreSlim Order { get; } = new(1, 1);

        public ImmutableArray<IChannelObserver> Observers { get; set; } = [];
    }

    private sealed class Subscription(Topic topic, IChannelObserver observer) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (topic) topic.Observers = topic.Observers.Remove(observer);
            return ValueTask.CompletedTask;
        }
    }
}
