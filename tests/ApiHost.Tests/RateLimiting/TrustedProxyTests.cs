using System.Net;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>Without a trusted proxy, <c>X-Forwarded-For</c> is whatever a client wrote: it must not pick the key.</summary>
public sealed class TrustedProxyTests(UntrustedProxyFixture api) : IClassFixture<UntrustedProxyFixture>
{
    [Fact]
    public async Task A_spoofed_X_Forwarded_For_is_ignored_without_a_trusted_proxy()
    {
        for (var i = 0; i < 3; i++)
        {
            using var client = api.Anonymous();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            await ApiJson.AssertStatusAsync(await client.GetAsync("/api/v1/markets"), HttpStatusCode.OK);
        }

        using var spoofer = api.Anonymous();
        spoofer.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99");
        var refused = await spoofer.GetAsync("/api/v1/markets");
        Assert.Equal("api", (await ApiJson.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited")).Str("policy"));

        using var admin = api.As("proxy-admin", "admin");
        var view = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/rate-limits/api/127.0.0.1"), HttpStatusCode.OK);
        Assert.Equal(0, view.GetProperty("remaining").GetInt64());
        var spoofed = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/rate-limits/api/203.0.113.1"), HttpStatusCode.OK);
        Assert.Equal(3, spoofed.GetProperty("remaining").GetInt64());
    }
}
