namespace GridTokenX.Grains.Abstractions.CacheWarming;

/// <summary>
/// A warming task as the admin route lists it (API.md "Cache warming"). <see cref="State"/> is <c>idle</c>,
/// <c>running</c> or <c>disabled</c>; <see cref="SuccessRate"/> is over the kept history, skipped runs left out.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.cachewarming.WarmingTaskStatus")]
public sealed record WarmingTaskStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] string Strategy,
    [property: Id(2)] string Priority,
    [property: Id(3)] string Source,
    [property: Id(4)] string KeyPattern,
    [property: Id(5)] int TtlSeconds,
    [property: Id(6)] IReadOnlyList<string> DependsOn,
    [property: Id(7)] string State,
    [property: Id(8)] WarmingRun? LastRun,
    [property: Id(9)] DateTimeOffset? NextRunAt,
    [property: Id(10)] double? SuccessRate);
