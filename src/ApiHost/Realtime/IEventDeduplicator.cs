using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>Tells a first delivery from a redelivery (streams are at-least-once).</summary>
internal interface IEventDeduplicator
{
    bool IsNew(ChannelEvent e);
}
