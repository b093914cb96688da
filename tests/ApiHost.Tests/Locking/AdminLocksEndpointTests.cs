using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Locking;

/// <summary>Standalone mode: the admin locks routes over the co-hosted silo's in-process lock.</summary>
public sealed class AdminLocksEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Anonymous_callers_get_401_and_users_403_on_both_routes()
    {
        using var anonymous = api.Anonymous();
        using var user = api.As("locks-user");

        await ApiJson.AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/locks"), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiJson.AssertProblemAsync(await user.GetAsync("/api/v1/admin/locks"), HttpStatusCode.Forbidden, "forbidden");
        await ApiJson.AssertProblemAsync(await anonymous.DeleteAsync("/api/v1/admin/locks/account:alice"), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiJson.AssertProblemAsync(await user.DeleteAsync("/api/v1/admin/locks/account:alice"), HttpStatusCode.Forbidden, "forbidden");
    }

    // No resource form at all, an empty or bad user id, another prefix, an extra part, a user id over 64 characters.
    public static TheoryData<string> BadResources { get; } =
        ["alice", "account:", "orders:alice", "account:al%20ice", "account:alice:x", "ACCOUNT:alice", "wallet:" + new string('a', 65)];

    [Theory]
    [MemberData(nameof(BadResources))]
    public async Task A_resource_not_of_the_documented_forms_is_a_400_naming_it(string resource)
    {
        using var admin = api.As("locks-admin", "admin");
        var problem = await ApiJson.AssertProblemAsync(await admin.DeleteAsync("/api/v1/admin/locks/" + resource), HttpStatusCode.BadRequest,
            "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("resource", out _));
    }

    [Fact]
    public async Task A_held_lock_is_listed_force_released_by_an_admin_with_an_alert_naming_them_and_the_holder_loses_it()
    {
        var locks = api.Services.GetRequiredService<IDistributedLock>();
        using var admin = api.As("locks-root", "admin");
        await using (var first = await locks.AcquireAsync("wallet:locks-erin", Wait, CancellationToken.None)) Assert.NotNull(first);
        var held = await locks.AcquireAsync("wallet:locks-erin", Wait, CancellationToken.None);
        Assert.NotNull(held);

        var body = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/locks"), HttpStatusCode.OK);
        LocksJson.AssertShape(body);
        var listed = LocksJson.AssertHeld(body, "wallet:locks-erin", held.FencingToken, "standalone@");
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("expires_at").ValueKind);
        Assert.True(body.GetProperty("stats").GetProperty("acquired").GetInt64() >= 2);
        Assert.True(body.GetProperty("stats").GetProperty("acquire_ms").GetProperty("p99").GetDouble() >= 0);
        Assert.Empty(body.GetProperty("nodes").EnumerateArray());

        var released = await ApiJson.AssertStatusAsync(await admin.DeleteAsync("/api/v1/admin/locks/wallet:locks-erin"), HttpStatusCode.OK);
        Assert.Equal("wallet:locks-erin", released.Str("resource"));
        Assert.Equal(1, released.GetProperty("released_on_nodes").GetInt32());
        Assert.True(held.Lost.IsCancellationRequested);
        await using (var next = await locks.AcquireAsync("wallet:locks-erin", Wait, CancellationToken.None))
        {
            Assert.NotNull(next);
            Assert.True(next.FencingToken > held.FencingToken);
        }

        await held.DisposeAsync();
        var after = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/locks"), HttpStatusCode.OK);
        Assert.Null(LocksJson.Held(after, "wallet:locks-erin"));
        Assert.True(after.GetProperty("stats").GetProperty("force_released").GetInt64() >= 1);
        await ApiJson.AssertProblemAsync(await admin.DeleteAsync("/api/v1/admin/locks/wallet:locks-erin"), HttpStatusCode.NotFound, "lock_not_held");

        await Eventually.Until(async () =>
        {
            var alerts = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/alerts"));
            return alerts.EnumerateArray().Any(a => a.Str("kind") == "security_event"
                && a.GetProperty("details").TryGetProperty("resource", out var r) && r.GetString() == "wallet:locks-erin"
                && a.GetProperty("details").Str("user") == "locks-root" && a.Str("message").Contains("locks-root", StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(15), "a security_event naming the admin");
    }
}
