namespace GridTokenX.ApiHost.Health;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);

public static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthResponse("live", new Dictionary<string, string>())));
        health.MapGet("/ready", async (IEnumerable<IReadinessCheck> checks, HttpContext context) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(CheckTimeout);
            var list = checks.ToList();
            var results = await Task.WhenAll(list.Select(async c =>
            {
                try
                {
                    return await c.CheckAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    return "timed out";
                }
            }));
            var report = list.Select((c, i) => (c.Name, Result: results[i] ?? "ok")).ToDictionary(r => r.Name, r => r.Result);
            var ready = results.All(r => r is null);
            if (ready) return Results.Ok(new HealthResponse("ready", report));
            context.Response.Headers.RetryAfter = "5";
            return Results.Json(new HealthResponse("unavailable", report), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
