using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.CacheWarming;

/// <summary>
/// The cluster's view of all warming tasks (key <see cref="CacheWarmers.CoordinatorKey"/>): lists them, runs one after
/// what it depends on, runs the start-up tasks in priority order, and routes the hosts' access reports to tasks.
/// </summary>
[Alias("gtx.cachewarming.ICacheWarmingCoordinatorGrain")]
public interface ICacheWarmingCoordinatorGrain : IGrainWithStringKey
{
    [AlwaysInterleave]
    [Alias("ListTasks")]
    Task<IReadOnlyList<WarmingTaskStatus>> ListTasks();

    /// <summary>
    /// Starts running <paramref name="name"/> after its dependencies (in dependency order) and returns at once; false for
    /// an unknown task.
    /// </summary>
    [AlwaysInterleave]
    [Alias("Trigger")]
    Task<bool> Trigger(string name);

    /// <summary>Starts every task's schedule and runs the start-up tasks (priority order, in batches); returns when they ran.</summary>
    [Alias("Start")]
    Task Start();

    [AlwaysInterleave]
    [Alias("ReportAccesses")]
    Task ReportAccesses(IReadOnlyList<CacheKeyAccess> accesses);
}
