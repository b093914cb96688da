using System.Net;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>When the limiter grains cannot be reached: most policies fail open (the default), sensitive and auth fail closed.</summary>
public sealed class FailureBehaviourTests
{
    [Fact]
    public async Task Without_a_silo_a_cheap_route_fails_open_and_a_sensitive_one_closed_with_503()
    {
        await using var hosts = await RedisModeHosts.StartAsync("rl-fail", new Dictionary<string, string?> { ["GridTokenX:RateLimits:CallTimeout"] = "00:00:02" });
        using var admin = hosts.As("fail-admin", "admin");
        using var anonymous = new HttpClient { BaseAddress = hosts.BaseAddress };
        var limited = await anonymous.GetAsync("/api/v1/markets");
        Assert.True(limited.Headers.Contains("RateLimit"), "limited while the silo is up");

        await hosts.StopSiloAsync();

        // The market list needs no grain: it is served, unlimited and without headers.
        var open = await Eventually.Until(() => anonymous.GetAsync("/api/v1/markets"), r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains("RateLimit"),
            TimeSpan.FromSeconds(30), "the market list served without the limiter");
        Assert.False(open.Headers.Contains("RateLimit-Policy"));
        var closed = await admin.DeleteAsync("/api/v1/admin/rate-limits/api/nobody");
        await ApiJson.AssertProblemAsync(closed, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), closed.Headers.RetryAfter?.Delta);

        // Every such decision is counted, by outcome.
        var metrics = await Eventually.Until(() => anonymous.GetStringAsync("/metrics"),
            text => text.Contains("outcome=\"fail_open\"", StringComparison.Ordinal) && text.Contains("outcome=\"fail_closed\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "gtx_ratelimit_unreachable by outcome in /metrics");
        Assert.Contains("gtx_ratelimit_unreachable", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_FailOpen_off_every_limited_route_fails_closed()
    {
        await using var hosts = await RedisModeHosts.StartAsync("rl-fail-closed", new Dictionary<string, string?> { ["GridTokenX:RateLimits:FailOpen"] = "false", ["GridTokenX:RateLimits:CallTimeout"] = "00:00:02" });
        using var anonymous = new HttpClient { BaseAddress = hosts.BaseAddress };
        await ApiJson.AssertStatusAsync(await anonymous.GetAsync("/api/v1/markets"), HttpStatusCode.OK);

        await hosts.StopSiloAsync();

        var closed = await anonymous.GetAsync("/api/v1/markets");
        await ApiJson.AssertProblemAsync(closed, HttpStatusCode.ServiceUnavailable, "service_unavailable");
    }
}
