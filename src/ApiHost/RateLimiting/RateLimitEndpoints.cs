using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// The admin routes of API.md "Rate limits": a key's state on a policy, its reset, its override, and the cluster's
/// statistics per policy. Admins only.
/// </summary>
public static class RateLimitEndpoints
{
    public const int TopKeys = 10;
    private const int MaxKeyLength = 128;

    public static IEndpointRouteBuilder MapRateLimits(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/rate-limits").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);
        admin.MapGet("/", Statistics).WithName("GetRateLimitStatistics").Produces<List<RateLimitStatisticsResponse>>();
        admin.MapGet("/{policy}/{key}", Inspect).WithName("GetRateLimit").Produces<RateLimitViewResponse>().ProducesProblem(400).ProducesProblem(404);
        admin.MapDelete("/{policy}/{key}", Reset).WithName("ResetRateLimit").Produces(StatusCodes.Status204NoContent).ProducesProblem(400)
            .ProducesProblem(404);
        admin.MapPut("/{policy}/{key}/override", SetOverride).WithName("SetRateLimitOverride").Accepts<RateLimitOverrideBody>("application/json")
            .Produces<RateLimitViewResponse>().ProducesProblem(400).ProducesProblem(404);
        admin.MapDelete("/{policy}/{key}/override", RemoveOverride).WithName("RemoveRateLimitOverride").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> Statistics(RateLimitStatisticsFlusher flusher, IGrainFactory grains, CancellationToken cancellationToken)
    {
        // This host's latest counts first, so what an admin just caused here is in the answer.
        await flusher.FlushAsync(cancellationToken);
        var read = (await grains.GetRateLimitStatistics().Read(TopKeys)).ToDictionary(c => c.Policy, StringComparer.Ordinal);
        return TypedResults.Ok(RateLimitPolicyNames.All.Select(p => RateLimitStatisticsResponse.From(p, read.GetValueOrDefault(p))).ToList());
    }

    private static async Task<IResult> Inspect(string policy, string key, RateLimitPolicyTable table, IGrainFactory grains)
    {
        if (Refuse(policy, key, table, out var definition) is { } problem) return problem;
        var view = await grains.GetRateLimiter(key).Inspect(definition);
        return TypedResults.Ok(RateLimitViewResponse.From(policy, key, view));
    }

    private static async Task<IResult> Reset(string policy, string key, RateLimitPolicyTable table, IGrainFactory grains)
    {
        if (Refuse(policy, key, table, out _) is { } problem) return problem;
        await grains.GetRateLimiter(key).Reset(policy);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetOverride(string policy, string key, HttpRequest request, RateLimitPolicyTable table, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (Refuse(policy, key, table, out var definition) is { } problem) return problem;
        var (document, bodyProblem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (bodyProblem is not null) return bodyProblem;
        RateLimitOverride? value;
        Dictionary<string, string[]> errors;
        using (document)
        {
            (value, errors) = RateLimitOverrideReader.Read(document!.RootElement, definition.Strategy);
        }

        if (value is null) return Problems.Validation(errors);
        var limiter = grains.GetRateLimiter(key);
        await limiter.SetOverride(policy, value);
        return TypedResults.Ok(RateLimitViewResponse.From(policy, key, await limiter.Inspect(definition)));
    }

    private static async Task<IResult> RemoveOverride(string policy, string key, RateLimitPolicyTable table, IGrainFactory grains)
    {
        if (Refuse(policy, key, table, out _) is { } problem) return problem;
        await grains.GetRateLimiter(key).SetOverride(policy, null);
        return TypedResults.NoContent();
    }

    private static IResult? Refuse(string policy, string key, RateLimitPolicyTable table, out RateLimitPolicy definition)
    {
        if (!table.TryGet(policy, out definition))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "unknown_policy", "Unknown policy",
                $"There is no rate-limit policy '{Problems.Truncate(policy)}'; the policies are {string.Join(", ", RateLimitPolicyNames.All)}.");
        }

        return key.Length is 0 or > MaxKeyLength
            ? Problems.Validation("key", $"'key' must be 1 to {MaxKeyLength} characters.")
            : null;
    }
}
