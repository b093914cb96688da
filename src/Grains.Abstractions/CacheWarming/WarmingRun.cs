namespace GridTokenX.Grains.Abstractions.CacheWarming;

/// <summary>
/// One run of a warming task: when it started, how long it took (every attempt and the waits between them), how many
/// keys it wrote, and its outcome (<see cref="WarmingOutcomes"/>) with the last error's message.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.cachewarming.WarmingRun")]
public sealed record WarmingRun(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] long DurationMs,
    [property: Id(2)] int KeysWritten,
    [property: Id(3)] string Outcome,
    [property: Id(4)] string? Error,
    [property: Id(5)] int Attempts,
    [property: Id(6)] string Trigger);
