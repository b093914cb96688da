namespace GridTokenX.Redis.Tests.Streaming;

/// <summary>What the tests publish: the run it belongs to (test classes share a process) and its place in its stream.</summary>
[GenerateSerializer, Immutable]
public sealed record StreamTestEvent([property: Id(0)] string Run, [property: Id(1)] int Sequence);
