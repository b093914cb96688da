using System.Collections.Immutable;
using GridTokenX.Redis.Streaming;
using Orleans.Streams;
using GrainEvent = GridTokenX.Grains.Abstractions.Events.ChannelEvent;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One Orleans stream as this host reads it: drops what it has already delivered, then hands each event to the
/// channel it belongs to, if a socket on this host wants that channel (only then is it mapped to its wire shape).
/// It remembers the position of the last event it got, so that if Orleans drops the subscription it can subscribe
/// again and read the hole back from Redis (<see cref="RecoverAsync"/>).
/// </summary>
/// <param name="sequenced">
/// The stream has one writer that numbers its events in order (a market's streams): redeliveries are dropped
/// exactly by position. Other streams are de-duplicated by remembering recent ids.
/// </param>
internal sealed class StreamFeed(IAsyncStream<GrainEvent> stream, WireEventMapper mapper, bool sequenced)
{
    private readonly IEventDeduplicator _seen = sequenced ? new SequenceDeduplicator() : new RecentIdDeduplicator(4096);

    // Live deliveries and a catch-up take turns, so events reach channels in order and the de-duplicator needs no lock.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private ImmutableDictionary<string, ChannelTarget> _targets = ImmutableDictionary<string, ChannelTarget>.Empty.WithComparers(StringComparer.Ordinal);
    private StreamSequenceToken? _lastToken;

    public IAsyncStream<GrainEvent> Stream { get; } = stream;

    public StreamSubscriptionHandle<GrainEvent>? Handle { get; private set; }

    public async Task SubscribeAsync(CancellationToken cancellationToken) =>
        Handle = await Stream.SubscribeAsync(OnNextAsync).WaitAsync(cancellationToken).ConfigureAwait(false);

    public void Add(ChannelTarget target) => ImmutableInterlocked.Update(ref _targets, static (t, x) => t.SetItem(x.Channel, x), target);

    /// <returns>True when that was the last channel this stream fed.</returns>
    public bool Remove(ChannelTarget target)
    {
        ImmutableInterlocked.Update(ref _targets, static (t, x) => t.TryGetValue(x.Channel, out var held) && ReferenceEquals(held, x) ? t.Remove(x.Channel) : t, target);
        return _targets.IsEmpty;
    }

    /// <summary>Whether Orleans still holds this host's subscription (it forgets it silently).</summary>
    public async Task<bool> IsSubscribedAsync()
    {
        if (Handle is not { } handle) return false;
        var handles = await Stream.GetAllSubscriptionHandles().ConfigureAwait(false);
        return handles.Any(h => h.HandleId == handle.HandleId);
    }

    /// <summary>Subscribes again and delivers, from Redis, what arrived after the last event this feed got.</summary>
    /// <returns>Events read back, and whether the hole is known to be filled completely.</returns>
    public async Task<(int CaughtUp, bool Complete)> RecoverAsync(RedisStreamCatchUp? catchUp, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Handle = await Stream.SubscribeAsync(OnNextAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_lastToken is null) return (0, true);
            if (catchUp is null) return (0, false);
            var missed = await catchUp.ReadAfterAsync(Stream.StreamId, _lastToken, until: 100_000, cancellationToken).ConfigureAwait(false);
            foreach (var (e, token) in missed.Events)
            {
                if (e is GrainEvent grainEvent) await DispatchAsync(grainEvent, token).ConfigureAwait(false);
            }

            return (missed.Events.Count, missed.Complete);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task OnNextAsync(GrainEvent e, StreamSequenceToken? token)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            await DispatchAsync(e, token).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private ValueTask DispatchAsync(GrainEvent e, StreamSequenceToken? token)
    {
        if (token is not null && (_lastToken is null || token.CompareTo(_lastToken) > 0)) _lastToken = token;
        if (!_seen.IsNew(e) || !_targets.TryGetValue(e.Channel, out var target)) return ValueTask.CompletedTask;
        return target.DeliverAsync(mapper.Map(e));
    }
}
