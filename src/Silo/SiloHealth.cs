using GridTokenX.Grains.Observability;
using Orleans.Runtime;
using StackExchange.Redis;

namespace GridTokenX.Silo;

/// <summary>Liveness and readiness of one silo, for orchestrators: ready once it is an active cluster member and Redis answers.</summary>
public static class SiloHealth
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    public static void MapSiloHealth(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<PrometheusMetrics>();
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", async (IClusterMembershipService membership, ILocalSiloDetails local, IConnectionMultiplexer redis,
            HttpContext context) =>
        {
            var member = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active ? "ok" : "not an active member";
            string redisStatus;
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), context.RequestAborted);
                redisStatus = "ok";
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
            {
                redisStatus = "ping failed";
            }

            var checks = new Dictionary<string, string> { ["cluster"] = member, ["redis"] = redisStatus };
            if (member == "ok" && redisStatus == "ok") return Results.Ok(new { status = "ready", checks });
            context.Response.Headers.RetryAfter = "5";
            return Results.Json(new { status = "unavailable", checks }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
