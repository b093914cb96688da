using System.Globalization;
using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ApiHost.Tests.Realtime;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Alerts;

/// <summary>
/// Redis mode (a silo and an API host in this process, over Redis clustering, storage and streams): killing Redis and
/// starting it again makes each host raise redis_connection_lost and then redis_connection_restored. The lost alerts
/// cannot be published while Redis is down; they arrive afterwards, before the restored ones, with their original times.
/// </summary>
public sealed class RedisAlertsTests : IAsyncLifetime
{
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await RedisModeHosts.StartAsync("redis-alerts", new Dictionary<string, string?>
    {
        ["GridTokenX:Alerts:Cooldown"] = "00:00:00",
        ["GridTokenX:Alerts:CheckInterval"] = "00:00:01",
        ["GridTokenX:Alerts:MaxRetryDelay"] = "00:00:01",
    });

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Killing_and_restarting_redis_raises_lost_then_restored_on_each_host_delivered_in_order_after_the_restore()
    {
        var token = _hosts.Token("ops", Roles.Admin);
        using var admin = _hosts.As("ops", Roles.Admin);
        await Eventually.Until(async () => (await admin.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API host to see the cluster");

        await using var socket = await WsClient.ConnectAsync(new Uri($"ws://127.0.0.1:{_hosts.BaseAddress.Port}/ws"), token);
        socket.ReceiveTimeout = TimeSpan.FromSeconds(90);
        await socket.SubscribeAsync("system:alerts");

        _hosts.Redis.Kill();
        await Eventually.Until(async () => (await admin.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "readiness to report Redis down");
        await _hosts.Redis.RestartAsync();

        // Two hosts, each: lost then restored. Events of one channel arrive in the order the alert center published them.
        var events = new List<JsonElement>();
        while (events.Count(e => Kind(e) == "redis_connection_restored") < 2)
        {
            var message = await socket.ReceiveAsync();
            if (message.GetProperty("op").GetString() == "event") events.Add(message);
        }

        foreach (var role in new[] { "silo/", "api/" })
        {
            var mine = events.Where(e => Source(e).StartsWith(role, StringComparison.Ordinal)).Select(Kind).ToList();
            Assert.Equal(["redis_connection_lost", "redis_connection_restored"], mine);
        }

        var lost = events.First(e => Kind(e) == "redis_connection_lost");
        var restored = events.Last(e => Kind(e) == "redis_connection_restored");
        Assert.Equal("critical", lost.GetProperty("data").GetProperty("severity").GetString());
        // Raised while Redis was down, published after: the event keeps the time the loss was seen.
        Assert.True(DateTimeOffset.Parse(lost.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture)
                    < DateTimeOffset.Parse(restored.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture));

        var listed = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/alerts?limit=500"), HttpStatusCode.OK);
        var listedIds = listed.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToHashSet();
        Assert.All(events, e => Assert.Contains(e.GetProperty("id").GetString(), listedIds));
    }

    private static string? Kind(JsonElement e) => e.GetProperty("data").GetProperty("kind").GetString();

    private static string Source(JsonElement e) => e.GetProperty("data").GetProperty("source").GetString()!;
}
