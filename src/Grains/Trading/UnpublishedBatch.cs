using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.Grains.Trading;

/// <summary>The events of one journaled batch, ending at <paramref name="Head"/>, that may never have been published.</summary>
public sealed record UnpublishedBatch(long Head, List<ChannelEvent> Events);
