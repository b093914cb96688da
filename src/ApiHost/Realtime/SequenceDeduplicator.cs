using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// Exact de-duplication for a stream whose single writer publishes in sequence order (a market): a redelivery or a
/// re-publication after a crash repeats a stretch that ends where new events begin, so anything below the highest
/// sequence seen is old, and at that sequence the few ids already seen are remembered. Constant memory, no window
/// a long redelivery could outrun.
/// </summary>
internal sealed class SequenceDeduplicator : IEventDeduplicator
{
    private readonly HashSet<string> _idsAtHighest = new(StringComparer.Ordinal);
    private long _highest = long.MinValue;

    public bool IsNew(ChannelEvent e)
    {
        if (e.Sequence < _highest) return false;
        if (e.Sequence > _highest)
        {
            _highest = e.Sequence;
            _idsAtHighest.Clear();
        }

        return _idsAtHighest.Add(e.Id);
    }
}
