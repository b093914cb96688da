using GridTokenX.Grains.CacheWarming;

namespace GridTokenX.Grains.Tests.CacheWarming;

/// <summary>Task definitions for planner tests.</summary>
internal static class Tasks
{
    public static WarmingTask Make(string name, WarmingPriority priority = WarmingPriority.Medium, WarmingStrategy strategy = WarmingStrategy.Scheduled,
        params string[] dependsOn) =>
        new(name, strategy, priority, new WarmingSourceSpec(WarmingSourceKind.Static), new KeyPattern(name + ":{id}"), TimeSpan.FromMinutes(1))
        {
            DependsOn = dependsOn,
        };
}
