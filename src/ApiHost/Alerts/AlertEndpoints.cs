using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.ApiHost.Alerts;

/// <summary><c>GET /api/v1/admin/alerts?limit=</c>: the recent system alerts, newest first (admins only).</summary>
public static class AlertEndpoints
{
    public const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/alerts", ListAlerts).WithTags("Admin").WithName("ListAlerts").RequireAuthorization(Roles.AdminPolicy)
            .Produces<List<AlertResponse>>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        return app;
    }

    private static async Task<IResult> ListAlerts(HttpRequest request, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(request, "limit", DefaultLimit, 1, AlertCenter.Capacity, out var limit, out var problem)) return problem!;
        var alerts = await grains.GetAlertCenter().Recent(limit);
        return TypedResults.Ok(alerts.Select(AlertResponse.From).ToList());
    }
}
