using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// API.md's limits on every request, after authentication (to know the key) and before authorization and the endpoint
/// (so a refusal changes nothing). The same shape as ASP.NET Core's rate limiter, with the permit decided by the key's
/// grain in one call: the request's policies together, and for a valid token the client IP's <c>auth</c> policy too
/// (requests of a key that arrive while its call is in flight share the next one: <see cref="RateLimitBatcher"/>).
/// </summary>
/// <remarks>
/// Keys: the token's <c>sub</c> (a user or a meter) for a valid token, otherwise the client IP. A token that fails
/// authentication is a failed authentication: counted on its IP's <c>auth</c> policy together with the request's own
/// policies, all against the IP.
/// </remarks>
public sealed partial class RateLimitMiddleware(RequestDelegate next, RateLimitPolicyTable table, IOptions<RateLimitsOptions> options,
    RateLimitBatcher batcher, RateLimitMetrics metrics, RateLimitStatistics statistics, RateLimitAlerts alerts, ILogger<RateLimitMiddleware> logger)
{
    private readonly bool _failOpen = options.Value.FailOpen;

    public async Task InvokeAsync(HttpContext context)
    {
        var policies = RateLimitRoutes.For(context.Request, table);
        if (policies.Count == 0)
        {
            await next(context);
            return;
        }

        var clientIp = ClientIp(context);
        var auth = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        string key;
        RateLimitRequest request;
        if (auth.Succeeded)
        {
            key = auth.Principal.FindFirst("sub")?.Value ?? clientIp;
            request = new RateLimitRequest(policies, new RateLimitAuthCheck(clientIp, table.Auth));
        }
        else
        {
            key = clientIp;
            request = new RateLimitRequest(auth.Failure is null ? policies : table.WithAuth(policies));
        }

        RateLimitVerdict verdict;
        try
        {
            verdict = await batcher.AcquireAsync(key, request);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Sensitive operations and failed authentications are never let through unlimited.
            var closed = !_failOpen || request.Policies.Any(p => p.Name is RateLimitPolicyNames.Sensitive or RateLimitPolicyNames.Auth);
            metrics.Unreachable(closed);
            LogUnreachable(ex.GetType().Name, closed ? "fail_closed" : "fail_open");
            if (!closed)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await Problems.Unavailable("The rate limiter is not reachable right now; retry shortly.").ExecuteAsync(context);
            return;
        }

        Count(verdict, key, clientIp);
        if (verdict.Incident is { } incident) alerts.Raise(incident, key, clientIp);
        RateLimitHeaders.Write(context.Response, verdict);
        if (verdict.Admitted)
        {
            await next(context);
            return;
        }

        await Problems.RateLimited(verdict.RefusedBy!, verdict.RetryAfterSeconds).ExecuteAsync(context);
    }

    /// <summary>The connection's address (after <c>ForwardedHeaders</c>, which trusts only the configured proxies), IPv4 as IPv4.</summary>
    public static string ClientIp(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private void Count(RateLimitVerdict verdict, string key, string clientIp)
    {
        foreach (var status in verdict.Statuses)
        {
            if (verdict.Admitted)
            {
                metrics.Allowed(status.Policy);
                statistics.Allowed(status.Policy);
            }
            else if (status.Policy == verdict.RefusedBy)
            {
                metrics.Refused(status.Policy);
                statistics.Refused(status.Policy, status.Policy == RateLimitPolicyNames.Auth ? clientIp : key);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter unreachable ({ExceptionType}): {Outcome}")]
    private partial void LogUnreachable(string exceptionType, string outcome);
}
