using System.Text.RegularExpressions;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.CacheWarming;
using GridTokenX.Redis.Caching;

namespace GridTokenX.ApiHost.CacheWarming;

/// <summary>
/// The admin view of cache warming and of the read cache (API.md "Admin" → Cache warming): the tasks, running one after
/// what it depends on, a task's history, and this host's cache statistics. Running a task is an admin write, so the
/// <c>sensitive</c> rate limit applies to it.
/// </summary>
public static partial class CacheWarmingEndpoints
{
    public const int DefaultHistoryLimit = 20;

    public static IEndpointRouteBuilder MapCacheWarming(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        admin.MapGet("/cache-warming/tasks", ListTasks).WithName("ListCacheWarmingTasks").Produces<List<WarmingTaskResponse>>()
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(503);
        admin.MapPost("/cache-warming/tasks/{name}/run", RunTask).WithName("RunCacheWarmingTask").Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        admin.MapGet("/cache-warming/tasks/{name}/history", History).WithName("GetCacheWarmingTaskHistory").Produces<List<WarmingHistoryEntryResponse>>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        admin.MapGet("/cache", CacheStats).WithName("GetCacheStatistics").Produces<CacheStatsResponse>().ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskName();

    private static async Task<IResult> ListTasks(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetCacheWarmingCoordinator().ListTasks()).Select(WarmingTaskResponse.From).ToList());

    private static async Task<IResult> RunTask(string name, IGrainFactory grains)
    {
        if (!TaskName().IsMatch(name) || !await grains.GetCacheWarmingCoordinator().Trigger(name)) return UnknownTask(name);
        return TypedResults.Accepted($"/api/v1/admin/cache-warming/tasks/{name}/history", new RunAcceptedResponse(name, "accepted"));
    }

    private static async Task<IResult> History(string name, HttpRequest request, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(request, "limit", DefaultHistoryLimit, 1, CacheWarmers.HistoryCapacity, out var limit, out var problem)) return problem!;
        if (!TaskName().IsMatch(name) || !(await grains.GetCacheWarmingCoordinator().ListTasks()).Any(t => t.Name == name)) return UnknownTask(name);
        var runs = await grains.GetGrain<ICacheWarmerGrain>(name).GetHistory(limit);
        return TypedResults.Ok(runs.Select(WarmingHistoryEntryResponse.From).ToList());
    }

    private static IResult CacheStats(CacheMetrics metrics) => TypedResults.Ok(CacheStatsResponse.From(metrics.Snapshot()));

    private static IResult UnknownTask(string name) =>
        Problems.Create(StatusCodes.Status404NotFound, "unknown_task", "Unknown warming task", $"There is no cache warming task '{Problems.Truncate(name)}'.");
}
