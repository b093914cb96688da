using GridTokenX.Grains.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>
/// A standalone host with low limits, loopback as its one trusted proxy (so each test is its own client IP through
/// <c>X-Forwarded-For</c>), and the limiters on a fake clock the tests move.
/// </summary>
public sealed class RateLimitFixture() : ApiFixture(new Dictionary<string, string?>
{
    ["GridTokenX:Http:TrustedProxies:0"] = "127.0.0.1",
    ["GridTokenX:RateLimits:Policies:api:Limit"] = "20",
    ["GridTokenX:RateLimits:Policies:api:WindowSeconds"] = "60",
    ["GridTokenX:RateLimits:Policies:order_creation:Limit"] = "3",
    ["GridTokenX:RateLimits:Policies:order_creation:WindowSeconds"] = "60",
    ["GridTokenX:RateLimits:Policies:trading:Burst"] = "1000",
    ["GridTokenX:RateLimits:Policies:trading:RefillPerSecond"] = "1000",
    ["GridTokenX:RateLimits:Policies:market_data:Burst"] = "5",
    ["GridTokenX:RateLimits:Policies:market_data:RefillPerSecond"] = "1",
    ["GridTokenX:RateLimits:Policies:auth:Limit"] = "3",
    ["GridTokenX:RateLimits:Policies:auth:WindowSeconds"] = "300",
    ["GridTokenX:RateLimits:Policies:sensitive:Limit"] = "2",
    ["GridTokenX:RateLimits:Policies:sensitive:WindowSeconds"] = "60",
    ["GridTokenX:RateLimits:Policies:sensitive:MaxBlockSeconds"] = "3600",
})
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>An anonymous client that a trusted proxy (loopback) says is <paramref name="ip"/>.</summary>
    public HttpClient From(string ip, string? user = null, string role = GridTokenX.ApiHost.Auth.Roles.User)
    {
        var client = user is null ? Anonymous() : As(user, role);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ip);
        return client;
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(RateLimiterGrain.ClockKey, Clock);
}
