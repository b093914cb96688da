using System.Globalization;
using System.Net;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.Grains.Hosting;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GridTokenX.ApiHost.Tests.Hosting;

/// <summary>
/// The API host as a pure Orleans client of a silo over Redis clustering (both in this process, talking over
/// loopback sockets), and what readiness says when Redis goes away.
/// </summary>
public sealed class RedisModeTests : IAsyncLifetime
{
    private const string Key = "redis-mode-signing-key-0123456789abcdef";
    private RedisServer _redis = null!;
    private IHost _silo = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _api = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var common = new Dictionary<string, string?>
        {
            ["GridTokenX:Redis:ConnectionString"] = _redis.ConnectionString,
            ["GridTokenX:ClusterId"] = "redis-mode-" + Guid.NewGuid().ToString("N")[..8],
            ["GridTokenX:Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GridTokenX:Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Configuration.AddInMemoryCollection(common);
        var settings = GridTokenXSettings.From(siloBuilder.Configuration);
        siloBuilder.UseOrleans(silo => silo.AddGridTokenX(siloBuilder.Configuration, settings));
        _silo = siloBuilder.Build();
        await _silo.StartAsync();

        var port = FreePort.Next();
        _api = ApiHost.Hosting.ApiApplication.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(common)
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Auth:SigningKey"] = Key,
        }));
        await _api.StartAsync();
        _base = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _silo.StopAsync();
        _silo.Dispose();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Orders_flow_through_the_client_to_the_silo_and_readiness_tracks_redis_going_and_coming_back()
    {
        using var client = new HttpClient { BaseAddress = _base };
        var token = ((GridTokenX.ApiHost.Auth.TokenIssuer)_api.Services.GetService(typeof(GridTokenX.ApiHost.Auth.TokenIssuer))!)
            .Issue("redis-user", "user", TimeSpan.FromMinutes(5));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API host to see the cluster");
        var placed = await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1000","quantity":"1"}""")), HttpStatusCode.Created);
        Assert.Equal("ENERGY-USD.1", placed.GetProperty("order").Str("order_id"));

        _redis.Kill();

        var report = await Eventually.Until(async () => (await client.GetAsync("/health/ready"), 0).Item1,
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), "readiness to report Redis down");
        var body = await ApiJson.ReadAsync(report);
        Assert.Equal("unavailable", body.Str("status"));
        Assert.NotEqual("ok", body.GetProperty("checks").Str("redis"));
        Assert.True(report.Headers.Contains("Retry-After"));

        // Back again: readiness recovers and acknowledged orders are still there (Redis runs with AOF).
        await _redis.RestartAsync();
        await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "readiness to recover once Redis is back");
        var read = await Eventually.Until(() => client.GetAsync("/api/v1/orders/ENERGY-USD.1"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "the order to be readable again");
        Assert.Equal("open", (await ApiJson.ReadAsync(read)).GetProperty("order").Str("status"));
    }
}
