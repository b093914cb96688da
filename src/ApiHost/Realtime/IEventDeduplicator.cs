using GrainEvent = GridTokenX.Grains.Abstractions.Events.ChannelEvent;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>Tells a first delivery from a redelivery (streams are at-least-once).</summary>
internal interface IEventDeduplicator
{
    bool IsNew(GrainEvent e);
}
