using GridTokenX.Grains.Abstractions.CacheWarming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// The cluster's warming coordinator (one, key <see cref="CacheWarmers.CoordinatorKey"/>): the plan's order for "run what it
/// depends on first", start-up batches, the admin listing and the routing of the hosts' access reports. Holds no state
/// of its own: everything it knows is the plan (settings) and the warmers.
/// </summary>
[GrainType("gtx.cache-warming")]
public sealed partial class CacheWarmingCoordinatorGrain(WarmingPlan plan, IOptions<CacheWarmingOptions> options,
    ILogger<CacheWarmingCoordinatorGrain> logger) : Grain, ICacheWarmingCoordinatorGrain
{
    public async Task<IReadOnlyList<WarmingTaskStatus>> ListTasks() =>
        await Task.WhenAll(plan.Order.Select(t => Warmer(t.Name).GetStatus()));

    public Task<bool> Trigger(string name)
    {
        if (!plan.TryGet(name, out _)) return Task.FromResult(false);
        _ = RunWithDependenciesAsync(name);
        return Task.FromResult(true);
    }

    public async Task Start()
    {
        await Task.WhenAll(plan.Order.Select(t => Warmer(t.Name).Start()));
        foreach (var batch in plan.StartupBatches(options.Value.StartupBatchSize))
            await Task.WhenAll(batch.Select(t => Warmer(t.Name).Run("startup")));
    }

    public async Task ReportAccesses(IReadOnlyList<CacheKeyAccess> accesses)
    {
        var calls = new List<Task>();
        foreach (var task in plan.Order.Where(t => t.Strategy is WarmingStrategy.AccessPattern or WarmingStrategy.OnDemand))
        {
            var mine = accesses.Where(a => task.KeyPattern.Matches(a.Key)).ToList();
            if (mine.Count > 0) calls.Add(Warmer(task.Name).ReportAccesses(mine));
        }

        await Task.WhenAll(calls);
    }

    private async Task RunWithDependenciesAsync(string name)
    {
        try
        {
            foreach (var task in plan.RunOrderFor(name))
                await Warmer(task.Name).Run(task.Name == name ? "admin" : "dependency");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A warmer records its own failures; this is the call itself failing (its silo went away).
            LogRunFailed(ex, name);
        }
    }

    private ICacheWarmerGrain Warmer(string name) => GrainFactory.GetGrain<ICacheWarmerGrain>(name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running cache warming task {Task} with its dependencies failed")]
    private partial void LogRunFailed(Exception exception, string task);
}
