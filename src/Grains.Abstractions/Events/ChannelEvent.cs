namespace GridTokenX.Grains.Abstractions.Events;

/// <summary>
/// One event on one channel. <paramref name="Id"/> is unique and stable: the same change always produces the same
/// id, so a consumer that sees an event twice (at-least-once delivery, republication after a crash) can drop it.
/// </summary>
/// <param name="Sequence">Order of this event within its source (a market's journal sequence), for gap detection.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.events.ChannelEvent")]
public sealed record ChannelEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Channel,
    [property: Id(2)] string Type,
    [property: Id(3)] long Sequence,
    [property: Id(4)] DateTimeOffset Timestamp,
    [property: Id(5)] EventPayload Data);
