using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridTokenX.Hosting.Health;

/// <summary>
/// Liveness (the process answers: no checks) and readiness (every check tagged <see cref="ReadyTag"/> passes within
/// <see cref="CheckTimeout"/>) on ASP.NET Core's health checks, in the JSON shape of <see cref="HealthResponseWriter"/>.
/// </summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Adds a readiness check; its name is the key of its result in the response.</summary>
    public static IHealthChecksBuilder AddReadinessCheck<T>(this IHealthChecksBuilder builder, string name) where T : class, IHealthCheck =>
        builder.AddCheck<T>(name, HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);

    public static IEndpointRouteBuilder MapGridTokenXHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteLiveAsync,
        }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteReadyAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }
}
