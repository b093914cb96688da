using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.CacheWarming;

/// <summary>One warming task (keyed by its name): runs it, keeps its schedule (a reminder) and its recent runs.</summary>
[Alias("gtx.cachewarming.ICacheWarmerGrain")]
public interface ICacheWarmerGrain : IGrainWithStringKey
{
    /// <summary>Runs the task now (its dependencies are the coordinator's business) and returns the run.</summary>
    [Alias("Run")]
    Task<WarmingRun> Run(string trigger);

    /// <summary>Registers the task's reminder (when it has a schedule) and starts its timer on this activation.</summary>
    [Alias("Start")]
    Task Start();

    /// <summary>Reads and misses the API hosts counted for keys of this task (access-pattern and on-demand tasks).</summary>
    [Alias("ReportAccesses")]
    Task ReportAccesses(IReadOnlyList<CacheKeyAccess> accesses);

    [AlwaysInterleave]
    [Alias("GetStatus")]
    Task<WarmingTaskStatus> GetStatus();

    /// <summary>The most recent runs, newest first, at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
    [Alias("GetHistory")]
    Task<IReadOnlyList<WarmingRun>> GetHistory(int limit);
}
