using System.Collections.Concurrent;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Fans events out to this host's sockets. One source subscription per channel, taken by the first socket and
/// dropped with the last; the event is serialized once and handed to each socket's own queue, so a slow socket
/// costs the hub nothing.
/// </summary>
public sealed partial class ChannelHub(IChannelSource source, RealtimeMetrics metrics, ILogger<ChannelHub> logger) : IChannelFeed
{
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);

    public async ValueTask SubscribeAsync(string channel, IChannelSubscriber subscriber, CancellationToken cancellationToken)
    {
        while (true)
        {
            var topic = _topics.GetOrAdd(channel, static name => new Topic(name));
            await topic.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Lost a race with the last socket leaving: that topic is gone, take a fresh one.
                if (topic.Removed) continue;
                if (topic.Subscribers.Contains(subscriber)) return;
                if (topic.Handle is null)
                {
                    try
                    {
                        topic.Handle = await source.SubscribeAsync(channel, topic, cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        Remove(topic);
                        throw;
                    }

                    metrics.SourceSubscribed();
                }

                topic.Subscribers = [.. topic.Subscribers, subscriber];
                return;
            }
            finally
            {
                topic.Gate.Release();
            }
        }
    }

    public async ValueTask UnsubscribeAsync(string channel, IChannelSubscriber subscriber, CancellationToken cancellationToken)
    {
        if (!_topics.TryGetValue(channel, out var topic)) return;
        await topic.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (topic.Removed || !topic.Subscribers.Contains(subscriber)) return;
            topic.Subscribers = Array.FindAll(topic.Subscribers, s => !ReferenceEquals(s, subscriber));
            if (topic.Subscribers.Length > 0) return;
            Remove(topic);
            if (topic.Handle is { } handle)
            {
                topic.Handle = null;
                metrics.SourceUnsubscribed();
                try
                {
                    await handle.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The socket is leaving either way; a source that failed to let go only costs it stray events.
                    LogSourceUnsubscribeFailed(logger, ex, channel);
                }
            }
        }
        finally
        {
            topic.Gate.Release();
        }
    }

    private void Remove(Topic topic)
    {
        topic.Removed = true;
        _topics.TryRemove(new KeyValuePair<string, Topic>(topic.Channel, topic));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping the source subscription of channel {Channel} failed")]
    private static partial void LogSourceUnsubscribeFailed(ILogger logger, Exception exception, string channel);

    private sealed class Topic(string channel) : IChannelObserver
    {
        public string Channel { get; } = channel;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public bool Removed { get; set; }

        public IAsyncDisposable? Handle { get; set; }

        // Replaced, never mutated, so fan-out reads it without taking the gate.
        private volatile IChannelSubscriber[] _subscribers = [];

        public IChannelSubscriber[] Subscribers
        {
            get => _subscribers;
            set => _subscribers = value;
        }

        public ValueTask OnEventAsync(string channel, WireEvent wireEvent, CancellationToken cancellationToken)
        {
            var subscribers = Subscribers;
            if (subscribers.Length == 0) return ValueTask.CompletedTask;
            var frame = new EventFrame(Channel, wireEvent.Type, ServerMessages.Event(Channel, wireEvent));
            foreach (var subscriber in subscribers) subscriber.Deliver(frame);
            return ValueTask.CompletedTask;
        }
    }
}
