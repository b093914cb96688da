using System.Net;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Hosting;

/// <summary>
/// The API host as a pure Orleans client of a silo over Redis clustering (both in this process, talking over
/// loopback sockets), and what readiness says when Redis goes away.
/// </summary>
public sealed class RedisModeTests : IAsyncLifetime
{
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await RedisModeHosts.StartAsync("redis-mode");

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Orders_flow_through_the_client_to_the_silo_and_readiness_tracks_redis_going_and_coming_back()
    {
        using var client = _hosts.As("redis-user");

        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API host to see the cluster");
        var placed = await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1000","quantity":"1"}""")), HttpStatusCode.Created);
        Assert.Equal("ENERGY-USD.1", placed.GetProperty("order").Str("order_id"));

        _hosts.Redis.Kill();

        var report = await Eventually.Until(async () => (await client.GetAsync("/health/ready"), 0).Item1,
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "readiness to report Redis down");
        var body = await ApiJson.ReadAsync(report);
        Assert.Equal("unavailable", body.Str("status"));
        Assert.NotEqual("ok", body.GetProperty("checks").Str("redis"));
        Assert.True(report.Headers.Contains("Retry-After"));

        // Back again: readiness recovers and acknowledged orders are still there (Redis runs with AOF).
        await _hosts.Redis.RestartAsync();
        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "readiness to recover once Redis is back");
        var read = await Eventually.Until(() => client.GetAsync("/api/v1/orders/ENERGY-USD.1"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the order to be readable again");
        Assert.Equal("open", (await ApiJson.ReadAsync(read)).GetProperty("order").Str("status"));
    }
}
