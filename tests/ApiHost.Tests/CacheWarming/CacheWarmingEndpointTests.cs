using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ReadModel;
using GridTokenX.Redis.Caching;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.CacheWarming;

/// <summary>The cache-warming admin routes and the cache statistics on the real standalone host.</summary>
public sealed class CacheWarmingEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("GET", "/api/v1/admin/cache-warming/tasks")]
    [InlineData("POST", "/api/v1/admin/cache-warming/tasks/market_data/run")]
    [InlineData("GET", "/api/v1/admin/cache-warming/tasks/market_data/history")]
    [InlineData("GET", "/api/v1/admin/cache")]
    public async Task The_routes_need_an_admin_token(string method, string path)
    {
        using var anonymous = api.Anonymous();
        using var user = api.As("warm-user");

        await ApiJson.AssertProblemAsync(await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiJson.AssertProblemAsync(await user.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_six_default_tasks_are_listed_with_the_contracts_fields()
    {
        using var admin = api.As("warm-admin", Roles.Admin);

        var tasks = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache-warming/tasks"));

        var names = tasks.EnumerateArray().Select(t => t.Str("name")).ToList();
        Assert.Equal(["market_data", "order_books", "price_history", "token_metadata", "trading_statistics", "user_profiles"], names.Order(StringComparer.Ordinal));
        var market = tasks.EnumerateArray().Single(t => t.Str("name") == "market_data");
        Assert.Equal(("scheduled", "critical", "computed", "ticker:{symbol}", 300), (market.Str("strategy"), market.Str("priority"), market.Str("source"),
            market.Str("key_pattern"), market.GetProperty("ttl_seconds").GetInt32()));
        foreach (var field in new[] { "depends_on", "state", "last_run", "next_run_at", "success_rate" }) Assert.True(market.TryGetProperty(field, out _), field);
        Assert.Equal(["market_data"], tasks.EnumerateArray().Single(t => t.Str("name") == "order_books").GetProperty("depends_on").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task An_unknown_task_is_a_404()
    {
        using var admin = api.As("warm-admin", Roles.Admin);

        await ApiJson.AssertProblemAsync(await admin.PostAsync("/api/v1/admin/cache-warming/tasks/nope/run", null), HttpStatusCode.NotFound, "unknown_task");
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/api/v1/admin/cache-warming/tasks/nope/history"), HttpStatusCode.NotFound, "unknown_task");
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/api/v1/admin/cache-warming/tasks/market_data/history?limit=0"), HttpStatusCode.BadRequest,
            "validation_failed");
    }

    [Fact]
    public async Task Running_a_task_answers_202_and_its_history_then_shows_the_run_after_its_dependencies()
    {
        using var admin = api.As("warm-admin", Roles.Admin);

        var response = await admin.PostAsync("/api/v1/admin/cache-warming/tasks/order_books/run", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var history = await Eventually.Until(async () => await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache-warming/tasks/order_books/history?limit=100")),
            h => h.EnumerateArray().Any(r => r.Str("trigger") == "admin"), Deadline, "the admin run in the history");
        var run = history.EnumerateArray().First(r => r.Str("trigger") == "admin");
        Assert.Equal(("succeeded", 2), (run.Str("outcome"), run.GetProperty("keys_written").GetInt32()));
        var dependency = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache-warming/tasks/market_data/history?limit=100"));
        Assert.Contains(dependency.EnumerateArray(), r => r.Str("trigger") == "dependency");
    }

    [Fact]
    public async Task Cache_statistics_move_with_reads_and_count_the_age_of_what_was_served()
    {
        using var admin = api.As("warm-admin", Roles.Admin);
        var cache = api.Services.GetRequiredService<IReadCache>();
        var before = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache"));

        Assert.Null(await cache.TryGetAsync("stats-test:missing"));
        await cache.GetOrAddAsync("stats-test:a", _ => ValueTask.FromResult("""{"a":1}"""), TimeSpan.FromMinutes(1));
        await cache.GetOrAddAsync("stats-test:a", _ => ValueTask.FromResult("""{"a":2}"""), TimeSpan.FromMinutes(1));
        var after = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache"));

        Assert.Equal(before.GetProperty("hits").GetInt64() + 1, after.GetProperty("hits").GetInt64());
        Assert.Equal(before.GetProperty("misses").GetInt64() + 2, after.GetProperty("misses").GetInt64());
        var prefix = after.GetProperty("by_prefix").GetProperty("stats-test");
        Assert.Equal((1L, 2L, 0.3333), (prefix.GetProperty("hits").GetInt64(), prefix.GetProperty("misses").GetInt64(), prefix.GetProperty("hit_rate").GetDouble()));
        Assert.Equal(JsonValueKind.Number, after.GetProperty("staleness_ms").GetProperty("p99").ValueKind);
        Assert.True(after.TryGetProperty("evictions", out _));
        Assert.Equal(JsonValueKind.Number, after.GetProperty("hit_rate").ValueKind);
    }

    [Fact]
    public async Task Statistics_and_profiles_warmed_on_demand_are_then_served_as_cache_hits()
    {
        using var admin = api.As("warm-admin", Roles.Admin);
        var (sellerId, buyerId) = ("warm-seller-" + Guid.NewGuid().ToString("N"), "warm-buyer-" + Guid.NewGuid().ToString("N"));
        using var seller = api.As(sellerId);
        using var buyer = api.As(buyerId);
        await Place(seller, "sell", "1.25", "2");
        await Place(buyer, "buy", "1.25", "2");
        var reader = api.Services.GetRequiredService<IReadModelReader>();
        await Eventually.Until(() => reader.GetUserProfileAsync(buyerId, DateTimeOffset.UtcNow, CancellationToken.None), p => p.Trades == 1, Deadline,
            "the projector to store the trade");

        await RunAsync(admin, "trading_statistics");
        await RunAsync(admin, "user_profiles");
        var before = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache"));
        var stats = await ApiJson.AssertStatusAsync(await api.Anonymous().GetAsync("/api/v1/markets/SOLAR-USD/stats"), HttpStatusCode.OK);
        var profile = await ApiJson.AssertStatusAsync(await buyer.GetAsync("/api/v1/account/profile"), HttpStatusCode.OK);
        var after = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/cache"));

        Assert.Equal((1L, "2", "1.25"), (stats.GetProperty("trades_24h").GetInt64(), stats.Str("volume_24h"), stats.Str("high_24h")));
        Assert.Equal((buyerId, 1L, "2"), (profile.Str("user_id"), profile.GetProperty("trades").GetInt64(), profile.Str("volume_bought")));
        foreach (var view in new[] { "stats", "profile" })
            Assert.Equal((1L, 0L), (Count(after, view, "hits") - Count(before, view, "hits"), Count(after, view, "misses") - Count(before, view, "misses")));
    }

    /// <summary>Runs a task through the admin route and waits for that run to succeed (not skip) with keys written.</summary>
    private static async Task RunAsync(HttpClient admin, string task)
    {
        var path = $"/api/v1/admin/cache-warming/tasks/{task}/history?limit=100";
        var earlier = (await ApiJson.ReadAsync(await admin.GetAsync(path))).EnumerateArray().Count(r => r.Str("trigger") == "admin");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/admin/cache-warming/tasks/{task}/run", null)).StatusCode);
        var history = await Eventually.Until(async () => await ApiJson.ReadAsync(await admin.GetAsync(path)),
            h => h.EnumerateArray().Count(r => r.Str("trigger") == "admin") > earlier, Deadline, $"the admin run of {task}");
        var run = history.EnumerateArray().First(r => r.Str("trigger") == "admin");
        Assert.Equal("succeeded", run.Str("outcome"));
        Assert.True(run.GetProperty("keys_written").GetInt32() >= 1, task);
    }

    private static long Count(JsonElement stats, string view, string field) =>
        stats.GetProperty("by_prefix").TryGetProperty(view, out var prefix) ? prefix.GetProperty(field).GetInt64() : 0;

    private static async Task Place(HttpClient client, string side, string price, string quantity)
    {
        var body = $$"""{"symbol":"SOLAR-USD","side":"{{side}}","type":"limit","price":"{{price}}","quantity":"{{quantity}}"}""";
        await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(body)), HttpStatusCode.Created);
    }
}
