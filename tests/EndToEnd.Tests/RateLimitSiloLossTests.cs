using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GridTokenX.EndToEnd.Tests.Infrastructure;
using GridTokenX.TestSupport;
using Xunit.Abstractions;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>A cluster of its own with a small <c>sensitive</c> limit and a long <c>api</c> window.</summary>
public sealed class RateLimitedClusterFixture : ClusterFixture
{
    protected override IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>
    {
        ["GridTokenX__RateLimits__Policies__api__Limit"] = "1000",
        ["GridTokenX__RateLimits__Policies__api__WindowSeconds"] = "3600",
        ["GridTokenX__RateLimits__Policies__sensitive__Limit"] = "2",
        ["GridTokenX__RateLimits__Policies__sensitive__WindowSeconds"] = "3600",
        ["GridTokenX__RateLimits__Policies__sensitive__MaxBlockSeconds"] = "7200",
    };
}

/// <summary>
/// docs/rate-limits.md, "Silo loss": every silo SIGKILLed and a fresh one started. A backoff block (persisted before the
/// 429 that announced it) survives with its violations; a sliding window (kept in memory) starts again, as documented.
/// </summary>
public sealed class RateLimitSiloLossTests(RateLimitedClusterFixture cluster, ITestOutputHelper output) : IClassFixture<RateLimitedClusterFixture>
{
    private static readonly TimeSpan StageTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public Task A_backoff_block_survives_the_loss_of_every_silo_and_a_sliding_window_starts_again() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(2);
        var ops = cluster.Token("loss-ops", "admin");
        var viewer = cluster.Token("loss-viewer", "admin");
        var user = cluster.Token("loss-user");

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/api/v1/admin/rate-limits/api/nobody", ops)).Status);
        var violation = await SendAsync(HttpMethod.Delete, "/api/v1/admin/rate-limits/api/nobody", ops);
        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(3600)), (violation.Status, violation.RetryAfter));
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/v1/orders", user)).Status);

        var blockBefore = await ViewAsync("sensitive", "loss-ops", viewer);
        Assert.Equal(1, blockBefore.GetProperty("violations").GetInt32());
        var blockedUntil = blockBefore.GetProperty("blocked_until").GetString();
        Assert.NotNull(blockedUntil);
        Assert.Equal(995, (await ViewAsync("api", "loss-user", viewer)).GetProperty("remaining").GetInt64());

        var old = cluster.LiveSilos.ToList();
        foreach (var silo in old) silo.Process.Kill();
        output.WriteLine($"SIGKILLed {string.Join(", ", old.Select(s => s.Name))}");
        await cluster.EnsureSilosAsync(1);

        var blockAfter = await Eventually.Until(() => ViewAsync("sensitive", "loss-ops", viewer), _ => true, StageTimeout, "the admin view after the restart");
        Assert.Equal((blockedUntil, 1), (blockAfter.GetProperty("blocked_until").GetString(), blockAfter.GetProperty("violations").GetInt32()));
        var stillBlocked = await SendAsync(HttpMethod.Delete, "/api/v1/admin/rate-limits/api/nobody", ops);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillBlocked.Status);
        Assert.Contains("\"policy\":\"sensitive\"", stillBlocked.Body, StringComparison.Ordinal);
        Assert.InRange(stillBlocked.RetryAfter!.Value.TotalSeconds, 3000, 3600);

        // In memory only: the api window of the user is whole again.
        Assert.Equal(1000, (await ViewAsync("api", "loss-user", viewer)).GetProperty("remaining").GetInt64());
    });

    private async Task<JsonElement> ViewAsync(string policy, string key, string admin)
    {
        var reply = await SendAsync(HttpMethod.Get, $"/api/v1/admin/rate-limits/{policy}/{key}", admin);
        Assert.True(reply.Status == HttpStatusCode.OK, $"GET {policy}/{key}: {(int)reply.Status} {reply.Body}");
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, TimeSpan? RetryAfter, string Body)> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = new CancellationTokenSource(Api.AttemptTimeout);
        using var response = await cluster.Api.Http.SendAsync(request, timeout.Token);
        return (response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync(timeout.Token));
    }
}
