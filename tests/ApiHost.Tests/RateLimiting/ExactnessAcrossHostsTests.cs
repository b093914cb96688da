using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GridTokenX.ApiHost.RateLimiting;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>
/// Two API hosts over Redis, one silo, and many concurrent clients hammering one key through both: each strategy admits
/// exactly its limit, never one more (windows long enough that nothing refills during the test).
/// </summary>
public sealed class ExactnessAcrossHostsTests : IAsyncLifetime
{
    private const int Api = 50;
    private const int Burst = 40;
    private const int Auth = 30;
    private const int Sensitive = 25;
    private const string ForgedToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.Zm9yZ2VkLXNpZ25hdHVyZQ";
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await RedisModeHosts.StartAsync("rl-exact", new Dictionary<string, string?>
    {
        ["GridTokenX:Http:TrustedProxies:0"] = "127.0.0.1",
        ["GridTokenX:RateLimits:Policies:api:Limit"] = Api.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridTokenX:RateLimits:Policies:api:WindowSeconds"] = "3600",
        ["GridTokenX:RateLimits:Policies:market_data:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridTokenX:RateLimits:Policies:market_data:RefillPerSecond"] = "0.001",
        ["GridTokenX:RateLimits:Policies:auth:Limit"] = Auth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridTokenX:RateLimits:Policies:auth:WindowSeconds"] = "3600",
        ["GridTokenX:RateLimits:Policies:sensitive:Limit"] = Sensitive.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["GridTokenX:RateLimits:Policies:sensitive:WindowSeconds"] = "3600",
        ["GridTokenX:RateLimits:Policies:sensitive:MaxBlockSeconds"] = "7200",
    }, apiHosts: 2);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Each_strategy_admits_exactly_its_limit_from_many_clients_through_two_hosts()
    {
        var user = _hosts.Token("hammer");
        var admin = _hosts.Token("hammer-admin", "admin");

        var sliding = await HammerAsync(3 * Api, i => Request(HttpMethod.Get, "/api/v1/orders", user, "10.8.0.1"));
        var bucket = await HammerAsync(3 * Burst, _ => Request(HttpMethod.Get, "/api/v1/markets", null, "10.8.0.2"));
        var fixedWindow = await HammerAsync(3 * Auth, _ => Request(HttpMethod.Get, "/api/v1/orders", ForgedToken, "10.8.0.3"));
        var backoff = await HammerAsync(3 * Sensitive, _ => Request(HttpMethod.Delete, "/api/v1/admin/rate-limits/api/nobody", admin, "10.8.0.4"));

        Assert.Equal((Api, 2 * Api), (sliding[HttpStatusCode.OK], sliding[HttpStatusCode.TooManyRequests]));
        Assert.Equal((Burst, 2 * Burst), (bucket[HttpStatusCode.OK], bucket[HttpStatusCode.TooManyRequests]));
        // A failed token is counted and then answered 401; once the window is spent, 429.
        Assert.Equal((Auth, 2 * Auth), (fixedWindow[HttpStatusCode.Unauthorized], fixedWindow[HttpStatusCode.TooManyRequests]));
        Assert.Equal((Sensitive, 2 * Sensitive), (backoff[HttpStatusCode.NoContent], backoff[HttpStatusCode.TooManyRequests]));
        Assert.All([sliding, bucket, fixedWindow, backoff], counts => Assert.Equal(2, counts.Count));
    }

    [Fact]
    public async Task Leased_permits_keep_a_hot_key_exact_through_two_hosts()
    {
        // A hot anonymous key with room to spare: the hosts lease permits and admit most requests themselves, and the
        // key still gets exactly its limit, not one more, not one fewer.
        const string ip = "10.8.0.5";
        const int limit = 400;
        using var admin = _hosts.As("lease-admin", "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/rate-limits/api/{ip}/override",
            new { limit = 100_000, window_seconds = 3600 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/admin/rate-limits/market_data/{ip}/override",
            new { burst = limit, refill_per_second = 0.001 })).StatusCode);
        var before = LeasedAdmissions();

        var statuses = await SteadyAsync(clients: 16, each: 50, () => Request(HttpMethod.Get, "/api/v1/markets", null, ip));

        Assert.Equal((limit, 16 * 50 - limit), (statuses[HttpStatusCode.OK], statuses[HttpStatusCode.TooManyRequests]));
        Assert.InRange(LeasedAdmissions() - before, 1, limit);
    }

    private long LeasedAdmissions() => _hosts.AllApiServices.Sum(services => services.GetRequiredService<RateLimitBatcher>().LeasedAdmissions);

    /// <summary><paramref name="clients"/> clients, half on each host, each sending <paramref name="each"/> requests one after another.</summary>
    private async Task<Dictionary<HttpStatusCode, int>> SteadyAsync(int clients, int each, Func<HttpRequestMessage> make)
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            using var client = new HttpClient { BaseAddress = _hosts.BaseAddresses[c % 2] };
            var mine = new List<HttpStatusCode>();
            for (var i = 0; i < each; i++)
            {
                using var request = make();
                using var response = await client.SendAsync(request);
                mine.Add(response.StatusCode);
            }

            return mine;
        }));
        return statuses.SelectMany(s => s).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, string ip)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Forwarded-For", ip);
        return request;
    }

    /// <summary>Sends <paramref name="count"/> requests at once from 16 clients, half through each host; counts the statuses.</summary>
    private async Task<Dictionary<HttpStatusCode, int>> HammerAsync(int count, Func<int, HttpRequestMessage> make)
    {
        var clients = Enumerable.Range(0, 16).Select(i => new HttpClient { BaseAddress = _hosts.BaseAddresses[i % 2] }).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var sends = Enumerable.Range(0, count).Select(async i =>
            {
                using var request = make(i);
                await start.WaitAsync();
                using var response = await clients[i % clients.Count].SendAsync(request);
                return response.StatusCode;
            }).ToList();
            start.Release(count);
            var statuses = await Task.WhenAll(sends);
            return statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }
}
