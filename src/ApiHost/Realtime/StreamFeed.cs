using System.Collections.Immutable;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Redis.Streaming;
using Orleans.Streams;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One Orleans stream as this host reads it: drops what it has already delivered, then hands each event to the
/// channel it belongs to, if a socket on this host wants that channel (only then is it mapped to its wire shape).
/// </summary>
/// <remarks>
/// It remembers the position of the last event it got (from the moment it subscribed). If Orleans drops the
/// subscription, <see cref="RecoverAsync"/> subscribes again and reads the hole back from Redis, holding live events
/// back meanwhile (without blocking Orleans' delivery to this client), and keeps owing the catch-up until a read
/// succeeds. A new subscription's first live event triggers one more read: Orleans starts a new subscriber at the
/// newest event in its cache, so events appended around the moment of subscribing could otherwise slip between the
/// two paths.
/// </remarks>
/// <param name="sequenced">
/// The stream has one writer that numbers its events in order (a market's streams): redeliveries are dropped
/// exactly by position. Other streams are de-duplicated by remembering recent ids.
/// </param>
/// <param name="catchUp">Reads missed events from Redis; null in standalone mode, where subscriptions are not dropped.</param>
/// <param name="source">The stream's (namespace, key), as the source indexes its feeds.</param>
internal sealed class StreamFeed((string Namespace, string Key) source, IAsyncStream<ChannelEvent> stream, WireEventMapper mapper, bool sequenced,
    RedisStreamCatchUp? catchUp)
{
    private const int MaxCatchUpEvents = 100_000;
    private readonly IEventDeduplicator _seen = sequenced ? new SequenceDeduplicator() : new RecentIdDeduplicator(4096);

    // Dispatch, the de-duplicator and the position are used under _turn only, one event at a time.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _sync = new();
    private ImmutableDictionary<string, ChannelTarget> _targets = ImmutableDictionary<string, ChannelTarget>.Empty.WithComparers(StringComparer.Ordinal);
    private StreamSequenceToken? _lastToken;
    private bool _verifyNext;

    // Non-null while a catch-up is owed: live events wait here, in order (guarded by _sync).
    private List<(ChannelEvent Event, StreamSequenceToken? Token)>? _held;

    public (string Namespace, string Key) Source { get; } = source;

    public IAsyncStream<ChannelEvent> Stream { get; } = stream;

    public StreamSubscriptionHandle<ChannelEvent>? Handle { get; private set; }

    public bool CatchUpOwed
    {
        get
        {
            lock (_sync) return _held is not null;
        }
    }

    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        if (catchUp is not null)
        {
            _lastToken = await catchUp.PositionAsync(Stream.StreamId, cancellationToken).ConfigureAwait(false);
            _verifyNext = true;
        }

        Handle = await Stream.SubscribeAsync(OnNextAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

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

    /// <summary>Subscribes again if need be and delivers, from Redis, what arrived after the last event this feed got.</summary>
    /// <returns>Events read back, and whether the hole is known to be filled completely.</returns>
    /// <exception cref="Exception">Redis or Orleans failed: the catch-up stays owed (<see cref="CatchUpOwed"/>).</exception>
    public async Task<(int CaughtUp, bool Complete)> RecoverAsync(CancellationToken cancellationToken)
    {
        lock (_sync) _held ??= [];
        StreamSequenceToken? from;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            from = _lastToken;
        }
        finally
        {
            _turn.Release();
        }

        if (!await IsSubscribedAsync().ConfigureAwait(false))
            Handle = await Stream.SubscribeAsync(OnNextAsync).WaitAsync(cancellationToken).ConfigureAwait(false);
        RedisStreamCatchUpResult? missed = null;
        if (catchUp is not null && from is not null)
            missed = await catchUp.ReadAfterAsync(Stream.StreamId, from, MaxCatchUpEvents, cancellationToken).ConfigureAwait(false);

        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (missed is not null) await DispatchAllAsync(missed).ConfigureAwait(false);
            while (true)
            {
                List<(ChannelEvent Event, StreamSequenceToken? Token)> held;
                lock (_sync)
                {
                    held = _held ?? [];
                    _held = held.Count == 0 ? null : [];
                }

                if (held.Count == 0) break;
                foreach (var (e, token) in held) await DispatchAsync(e, token).ConfigureAwait(false);
            }

            _verifyNext = catchUp is not null;
        }
        finally
        {
            _turn.Release();
        }

        return (missed?.Events.Count ?? 0, from is null || missed?.Complete == true);
    }

    public async Task OnNextAsync(ChannelEvent e, StreamSequenceToken? token)
    {
        lock (_sync)
        {
            if (_held is not null)
            {
                _held.Add((e, token));
                return;
            }
        }

        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_verifyNext && catchUp is not null && _lastToken is not null)
            {
                _verifyNext = false;
                try
                {
                    await DispatchAllAsync(await catchUp.ReadAfterAsync(Stream.StreamId, _lastToken, MaxCatchUpEvents, CancellationToken.None)
                        .ConfigureAwait(false)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
                {
                    // Only a safety net around subscribing; the live event still goes out.
                }
            }

            await DispatchAsync(e, token).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task DispatchAllAsync(RedisStreamCatchUpResult missed)
    {
        foreach (var (e, token) in missed.Events)
        {
            if (e is ChannelEvent grainEvent) await DispatchAsync(grainEvent, token).ConfigureAwait(false);
        }
    }

    private ValueTask DispatchAsync(ChannelEvent e, StreamSequenceToken? token)
    {
        if (token is not null && (_lastToken is null || token.CompareTo(_lastToken) > 0)) _lastToken = token;
        if (!_seen.IsNew(e) || !_targets.TryGetValue(e.Channel, out var target)) return ValueTask.CompletedTask;
        return target.DeliverAsync(mapper.Map(e));
    }
}
