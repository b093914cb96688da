namespace GridTokenX.Bench.StreamBench;

/// <summary>
/// What both transports carry: a sequence number, the publisher's <see cref="System.Diagnostics.Stopwatch"/> timestamp
/// (producer and subscriber share the process, so one clock) and opaque bytes standing in for an event's body.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BenchEvent([property: Id(0)] long Sequence, [property: Id(1)] long SentTimestamp, [property: Id(2)] byte[] Padding);
