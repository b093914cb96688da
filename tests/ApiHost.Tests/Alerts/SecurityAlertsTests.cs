using System.Net;
using System.Net.Http.Headers;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Alerts;

/// <summary>Security events end to end: detector → raiser → alert center grain → system:alerts stream → an admin's socket and the listing.</summary>
public sealed class SecurityAlertsTests(AlertsFixture api) : IClassFixture<AlertsFixture>
{
    private const string ForgedToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5Iiwicm9sZSI6ImFkbWluIn0.Zm9yZ2VkLXNpZ25hdHVyZQ";

    [Fact]
    public async Task Admins_see_a_burst_of_failed_authentications_and_a_forbidden_subscription_live_and_in_the_listing()
    {
        await using var watcher = await api.ConnectAsync("ops", "admin");
        Assert.Equal(["system:alerts"], await watcher.SubscribeAsync("system:alerts"));

        using var forger = api.Anonymous();
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken);
        for (var i = 0; i < 3; i++)
            await ApiJson.AssertProblemAsync(await forger.GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized, "unauthorized");

        var burst = await watcher.ExpectAsync("event");
        Assert.Equal(("system:alerts", "alert"), (burst.Str("channel"), burst.Str("type")));
        var burstData = burst.GetProperty("data");
        Assert.Equal(("security_event", "warning"), (burstData.Str("kind"), burstData.Str("severity")));
        var details = burstData.GetProperty("details");
        Assert.Equal(("failed_authentication_burst", "127.0.0.1", "3"), (details.Str("event"), details.Str("client_ip"), details.Str("failures")));

        await using (var mallory = await api.ConnectAsync("mallory"))
        {
            await mallory.SendAsync("""{"op":"subscribe","channels":["orders:alice"],"req_id":"f"}""");
            Assert.Equal("forbidden", (await mallory.ExpectAsync("error", "f")).Str("code"));
        }

        var forbidden = await watcher.ExpectAsync("event");
        var forbiddenData = forbidden.GetProperty("data");
        Assert.Equal("security_event", forbiddenData.Str("kind"));
        Assert.Equal(("forbidden_subscription", "mallory", "orders:alice"),
            (forbiddenData.GetProperty("details").Str("event"), forbiddenData.GetProperty("details").Str("user"), forbiddenData.GetProperty("details").Str("channels")));
        Assert.Contains("mallory", forbiddenData.Str("message"), StringComparison.Ordinal);

        using var admin = api.As("ops", "admin");
        var response = await admin.GetAsync("/api/v1/admin/alerts?limit=10");
        var text = await response.Content.ReadAsStringAsync();
        var list = await ApiJson.AssertStatusAsync(response, HttpStatusCode.OK);
        var ids = list.EnumerateArray().Select(a => a.Str("id")).ToList();
        // Newest first, the same ids as the live events, and the wire shape of API.md (+ id, source, raised_at).
        Assert.Equal([forbidden.Str("id"), burst.Str("id")], ids.Where(id => id == forbidden.Str("id") || id == burst.Str("id")));
        var first = list.EnumerateArray().First(a => a.Str("id") == forbidden.Str("id"));
        Assert.Equal(["id", "kind", "severity", "message", "details", "source", "raised_at"], first.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("api/", first.Str("source"), StringComparison.Ordinal);
        Assert.Equal(forbidden.Str("timestamp"), first.Str("raised_at"));
        Assert.DoesNotContain(ForgedToken.Split('.')[2], text, StringComparison.Ordinal);
        Assert.DoesNotContain(ForgedToken.Split('.')[2], burst.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_subscribe_to_alerts_and_the_attempt_is_itself_an_alert()
    {
        using var admin = api.As("ops2", "admin");
        await using (var eve = await api.ConnectAsync("eve"))
        {
            await eve.SendAsync("""{"op":"subscribe","channels":["system:alerts"],"req_id":"s"}""");
            Assert.Equal("forbidden", (await eve.ExpectAsync("error", "s")).Str("code"));
        }

        await Eventually.Until(async () =>
        {
            var list = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/alerts"), HttpStatusCode.OK);
            return list.EnumerateArray().Any(a => a.GetProperty("details").TryGetProperty("user", out var u) && u.GetString() == "eve"
                && a.GetProperty("details").Str("channels") == "system:alerts");
        }, TimeSpan.FromSeconds(15), "the forbidden subscription to be listed");
    }
}
