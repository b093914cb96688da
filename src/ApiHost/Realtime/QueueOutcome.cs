namespace GridTokenX.ApiHost.Realtime;

/// <summary>What became of a frame handed to an <see cref="OutboundQueue"/>; each asks something else of the connection.</summary>
internal enum QueueOutcome
{
    /// <summary>Not queued: the socket is closing, or the event's channel is not open.</summary>
    Dropped,

    /// <summary>Queued at the end: the writer must be scheduled if it is idle.</summary>
    Queued,

    /// <summary>Replaced a queued book snapshot of its channel: the writer already has it to do.</summary>
    Coalesced,

    /// <summary>The queue was full: it is now closing as a slow consumer and the frame is dropped.</summary>
    Overflowed,
}
