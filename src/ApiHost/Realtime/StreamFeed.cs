using System.Collections.Immutable;
using Orleans.Streams;
using GrainEvent = GridTokenX.Grains.Abstractions.Events.ChannelEvent;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One Orleans stream as this host reads it: drops what it has already delivered, then hands each event to the
/// channel it belongs to, if a socket on this host wants that channel (only then is it mapped to its wire shape).
/// </summary>
/// <param name="sequenced">
/// The stream has one writer that numbers its events in order (a market's streams): redeliveries are dropped
/// exactly by position. Other streams are de-duplicated by remembering recent ids.
/// </param>
internal sealed class StreamFeed(WireEventMapper mapper, bool sequenced)
{
    private readonly IEventDeduplicator _seen = sequenced ? new SequenceDeduplicator() : new RecentIdDeduplicator(4096);
    private ImmutableDictionary<string, ChannelTarget> _targets = ImmutableDictionary<string, ChannelTarget>.Empty.WithComparers(StringComparer.Ordinal);

    public StreamSubscriptionHandle<GrainEvent>? Handle { get; set; }

    public void Add(ChannelTarget target) => ImmutableInterlocked.Update(ref _targets, static (t, x) => t.SetItem(x.Channel, x), target);

    /// <returns>True when that was the last channel this stream fed.</returns>
    public bool Remove(ChannelTarget target)
    {
        ImmutableInterlocked.Update(ref _targets, static (t, x) => t.TryGetValue(x.Channel, out var held) && ReferenceEquals(held, x) ? t.Remove(x.Channel) : t, target);
        return _targets.IsEmpty;
    }

    public Task OnNextAsync(GrainEvent e, StreamSequenceToken? token)
    {
        // Orleans hands one stream's events over one at a time, so the de-duplicator needs no lock.
        if (!_seen.IsNew(e) || !_targets.TryGetValue(e.Channel, out var target)) return Task.CompletedTask;
        return target.DeliverAsync(mapper.Map(e)).AsTask();
    }
}
