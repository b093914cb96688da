using GridTokenX.Grains.Abstractions.CacheWarming;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>What a warmer persists: its recent runs, oldest first, so history and success rate survive a silo.</summary>
[GenerateSerializer]
[Alias("gtx.cachewarming.stored.CacheWarmerState")]
public sealed class CacheWarmerState
{
    [Id(0)]
    public List<WarmingRun> Runs { get; set; } = [];
}
