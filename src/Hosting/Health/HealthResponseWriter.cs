using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GridTokenX.Hosting.Health;

/// <summary>
/// The health routes' JSON: <c>{"status": "ready"|"unavailable"|"live", "checks": {name: "ok" or a reason}}</c>, and a
/// <c>Retry-After</c> with every 503. Reasons are short texts safe for anyone (no addresses, no secrets, no exception).
/// </summary>
public static class HealthResponseWriter
{
    public const int RetryAfterSeconds = 5;

    public static Task WriteLiveAsync(HttpContext context, HealthReport report) =>
        WriteAsync(context, "live", new Dictionary<string, string>());

    public static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "ok" : Reason(e.Value));
        if (report.Status != HealthStatus.Healthy) context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(context, report.Status == HealthStatus.Healthy ? "ready" : "unavailable", checks);
    }

    // A check that overran its timeout, or threw, is described by the health service itself (with the exception's
    // message): anonymous callers get a fixed word instead. Our checks' own reasons are safe to show.
    private static string Reason(HealthReportEntry entry) => entry.Exception switch
    {
        OperationCanceledException => "timed out",
        not null => "failed",
        null => entry.Description ?? "failed",
    };

    private static Task WriteAsync(HttpContext context, string status, Dictionary<string, string> checks)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new HealthBody(status, checks), HealthJson.Default.HealthBody, context.RequestAborted);
    }
}
