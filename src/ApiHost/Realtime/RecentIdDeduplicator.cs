using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// De-duplication by a bounded memory of recent ids, for streams with no single ordered writer: enough to catch
/// redeliveries, which come close behind the original.
/// </summary>
internal sealed class RecentIdDeduplicator(int capacity) : IEventDeduplicator
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool IsNew(ChannelEvent e)
    {
        if (!_ids.Add(e.Id)) return false;
        _order.Enqueue(e.Id);
        if (_order.Count > capacity) _ids.Remove(_order.Dequeue());
        return true;
    }
}
