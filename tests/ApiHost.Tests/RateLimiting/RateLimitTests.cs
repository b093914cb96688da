using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>API.md "Rate limits" through a real host: headers, 429s, Retry-After, the auth policy, backoff and overrides.</summary>
public sealed class RateLimitTests(RateLimitFixture api) : IClassFixture<RateLimitFixture>
{
    private const string ForgedToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5Iiwicm9sZSI6ImFkbWluIn0.Zm9yZ2VkLXNpZ25hdHVyZQ";

    [Fact]
    public async Task A_refused_order_is_a_429_problem_that_places_nothing_and_charges_no_other_policy()
    {
        using var trader = api.From("10.0.1.1", "rl-orders");
        for (var i = 0; i < 3; i++)
        {
            var placed = await trader.PostAsync("/api/v1/orders", Order("0.0200"));
            await ApiJson.AssertStatusAsync(placed, HttpStatusCode.Created);
            var (policy, state) = StructuredFields.Read(placed);
            // auth first: a request with a valid token is checked (not charged) against its IP's failed authentications.
            Assert.Equal(["auth", "api", "trading", "order_creation"], policy.Keys);
            Assert.Equal((3L, 60L), (policy["order_creation"]["q"], policy["order_creation"]["w"]));
            Assert.Equal(2 - i, state["order_creation"]["r"]);
            Assert.Equal(19 - i, state["api"]["r"]);
        }

        var refused = await trader.PostAsync("/api/v1/orders", Order("0.0200"));
        var problem = await ApiJson.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("order_creation", problem.Str("policy"));
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        var (_, refusedState) = StructuredFields.Read(refused);
        // Nothing charged: the api window still holds the three admitted requests only.
        Assert.Equal((0L, 17L), (refusedState["order_creation"]["r"], refusedState["api"]["r"]));

        var orders = await ApiJson.AssertStatusAsync(await trader.GetAsync("/api/v1/orders?status=all"), HttpStatusCode.OK);
        Assert.Equal(3, orders.GetArrayLength());
    }

    [Fact]
    public async Task Retry_After_is_honest_a_retry_one_second_earlier_is_refused_and_one_at_that_time_is_admitted()
    {
        using var trader = api.From("10.0.2.1", "rl-retry");
        for (var i = 0; i < 3; i++) await ApiJson.AssertStatusAsync(await trader.PostAsync("/api/v1/orders", Order("0.0201")), HttpStatusCode.Created);
        api.Clock.Advance(TimeSpan.FromSeconds(7.5));

        var refused = await trader.PostAsync("/api/v1/orders", Order("0.0201"));
        await ApiJson.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.Equal(TimeSpan.FromSeconds(53), retryAfter);

        api.Clock.Advance(retryAfter - TimeSpan.FromSeconds(1));
        await ApiJson.AssertProblemAsync(await trader.PostAsync("/api/v1/orders", Order("0.0201")), HttpStatusCode.TooManyRequests, "rate_limited");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await ApiJson.AssertStatusAsync(await trader.PostAsync("/api/v1/orders", Order("0.0201")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Headers_are_structured_fields_that_agree_with_the_admin_view()
    {
        using var client = api.From("10.0.3.1");
        using var admin = api.From("10.0.3.2", "rl-admin-view", "admin");
        var response = await client.GetAsync("/api/v1/markets");
        await ApiJson.AssertStatusAsync(response, HttpStatusCode.OK);

        var (policy, state) = StructuredFields.Read(response);
        Assert.Equal(["api", "market_data"], policy.Keys);
        Assert.Equal(new Dictionary<string, long> { ["q"] = 20, ["w"] = 60 }, policy["api"]);
        Assert.Equal(new Dictionary<string, long> { ["q"] = 5, ["w"] = 5 }, policy["market_data"]);
        Assert.Equal(new Dictionary<string, long> { ["r"] = 19, ["t"] = 60 }, state["api"]);
        Assert.Equal(new Dictionary<string, long> { ["r"] = 4, ["t"] = 1 }, state["market_data"]);

        foreach (var (name, strategy) in new[] { ("api", "sliding_window"), ("market_data", "token_bucket") })
        {
            var view = await ApiJson.AssertStatusAsync(await admin.GetAsync($"/api/v1/admin/rate-limits/{name}/10.0.3.1"), HttpStatusCode.OK);
            Assert.Equal(["policy", "key", "strategy", "limit", "remaining", "reset_seconds", "blocked_until", "violations", "override"],
                view.EnumerateObject().Select(p => p.Name));
            Assert.Equal((name, "10.0.3.1", strategy), (view.Str("policy"), view.Str("key"), view.Str("strategy")));
            Assert.Equal((policy[name]["q"], state[name]["r"], state[name]["t"]),
                (view.GetProperty("limit").GetInt64(), view.GetProperty("remaining").GetInt64(), view.GetProperty("reset_seconds").GetInt64()));
        }
    }

    [Fact]
    public async Task X_Forwarded_For_from_the_trusted_proxy_is_the_client_each_address_with_its_own_budget()
    {
        using var first = api.From("10.0.4.1");
        for (var i = 0; i < 5; i++) await ApiJson.AssertStatusAsync(await first.GetAsync("/api/v1/markets"), HttpStatusCode.OK);
        var refused = await first.GetAsync("/api/v1/markets");
        Assert.Equal("market_data", (await ApiJson.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited")).Str("policy"));

        using var second = api.From("10.0.4.2");
        await ApiJson.AssertStatusAsync(await second.GetAsync("/api/v1/markets"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failed_tokens_including_a_WebSocket_upgrade_spend_the_auth_policy_then_every_token_from_that_IP_is_refused()
    {
        const string ip = "10.0.5.1";
        using var forger = api.From(ip);
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedToken);
        for (var i = 0; i < 2; i++)
            await ApiJson.AssertProblemAsync(await forger.GetAsync("/api/v1/orders"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.Unauthorized, await UpgradeStatusAsync(ForgedToken, ip));

        // Spent (3 of 3): a valid token from that IP is refused too, on HTTP and on /ws; not from another IP.
        using var victim = api.From(ip, "rl-auth-user");
        var refused = await victim.GetAsync("/api/v1/orders");
        Assert.Equal("auth", (await ApiJson.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited")).Str("policy"));
        Assert.Equal(TimeSpan.FromSeconds(300), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(0, StructuredFields.Read(refused).State["auth"]["r"]);
        Assert.Equal((HttpStatusCode)429, await UpgradeStatusAsync(api.Token("rl-auth-user"), ip));
        using var elsewhere = api.From("10.0.5.2", "rl-auth-user");
        await ApiJson.AssertStatusAsync(await elsewhere.GetAsync("/api/v1/orders"), HttpStatusCode.OK);
        // Anonymous requests carry no token: the auth policy is not theirs.
        using var anonymous = api.From(ip);
        await ApiJson.AssertStatusAsync(await anonymous.GetAsync("/api/v1/markets"), HttpStatusCode.OK);

        using var admin = api.From("10.0.5.3", "rl-auth-admin", "admin");
        var alerts = await Eventually.Until(async () => await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/alerts?limit=100")),
            list => list.EnumerateArray().Any(a => a.GetProperty("details").TryGetProperty("event", out var e) && e.GetString() == "auth_rate_limit_spent"
                && a.GetProperty("details").Str("client_ip") == ip),
            TimeSpan.FromSeconds(15), "a security_event for the spent auth policy");
        Assert.Contains(alerts.EnumerateArray(), a => a.Str("kind") == "security_event");
    }

    [Fact]
    public async Task Backoff_blocks_the_first_violation_for_the_window_and_doubles_the_next_with_an_alert_each_time()
    {
        using var admin = api.From("10.0.6.1", "rl-backoff", "admin");
        using var viewer = api.From("10.0.6.2", "rl-backoff-viewer", "admin");
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/admin/rate-limits/api/nobody")).StatusCode);
        var first = await admin.DeleteAsync("/api/v1/admin/rate-limits/api/nobody");
        Assert.Equal("sensitive", (await ApiJson.AssertProblemAsync(first, HttpStatusCode.TooManyRequests, "rate_limited")).Str("policy"));
        Assert.Equal(TimeSpan.FromSeconds(60), first.Headers.RetryAfter?.Delta);

        var view = await ApiJson.AssertStatusAsync(await viewer.GetAsync("/api/v1/admin/rate-limits/sensitive/rl-backoff"), HttpStatusCode.OK);
        Assert.Equal(("exponential_backoff", 1, 0L), (view.Str("strategy"), view.GetProperty("violations").GetInt32(), view.GetProperty("remaining").GetInt64()));
        var blockedUntil = DateTimeOffset.Parse(view.Str("blocked_until"), CultureInfo.InvariantCulture);
        Assert.Equal(api.Clock.GetUtcNow().AddSeconds(60), blockedUntil, TimeSpan.FromMilliseconds(1));

        // During the block every request is refused without extending it; at its end the whole limit is back.
        api.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), (await admin.DeleteAsync("/api/v1/admin/rate-limits/api/nobody")).Headers.RetryAfter?.Delta);
        api.Clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/admin/rate-limits/api/nobody")).StatusCode);
        var second = await admin.DeleteAsync("/api/v1/admin/rate-limits/api/nobody");
        Assert.Equal(TimeSpan.FromSeconds(120), second.Headers.RetryAfter?.Delta);
        view = await ApiJson.AssertStatusAsync(await viewer.GetAsync("/api/v1/admin/rate-limits/sensitive/rl-backoff"), HttpStatusCode.OK);
        Assert.Equal(2, view.GetProperty("violations").GetInt32());

        await Eventually.Until(async () => await ApiJson.ReadAsync(await viewer.GetAsync("/api/v1/admin/alerts?limit=100")),
            list => list.EnumerateArray().Count(a => a.GetProperty("details").TryGetProperty("event", out var e) && e.GetString() == "rate_limit_backoff"
                && a.GetProperty("details").Str("key") == "rl-backoff") == 2,
            TimeSpan.FromSeconds(15), "a security_event for each block");
    }

    [Fact]
    public async Task An_override_gives_one_key_its_own_limit_until_it_is_removed()
    {
        using var admin = api.From("10.0.7.1", "rl-override-admin", "admin");
        var set = await admin.PutAsync("/api/v1/admin/rate-limits/order_creation/rl-maker/override", ApiFixture.Json("""{"limit":5}"""));
        var view = await ApiJson.AssertStatusAsync(set, HttpStatusCode.OK);
        Assert.Equal(5, view.GetProperty("limit").GetInt64());
        Assert.Equal("""{"limit":5}""", view.GetProperty("override").GetRawText());

        using var maker = api.From("10.0.7.2", "rl-maker");
        for (var i = 0; i < 5; i++) await ApiJson.AssertStatusAsync(await maker.PostAsync("/api/v1/orders", Order("0.0202")), HttpStatusCode.Created);
        await ApiJson.AssertProblemAsync(await maker.PostAsync("/api/v1/orders", Order("0.0202")), HttpStatusCode.TooManyRequests, "rate_limited");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/admin/rate-limits/order_creation/rl-maker/override")).StatusCode);
        view = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/rate-limits/order_creation/rl-maker"), HttpStatusCode.OK);
        Assert.Equal((3L, JsonValueKindNull), (view.GetProperty("limit").GetInt64(), view.GetProperty("override").ValueKind));
    }

    [Fact]
    public async Task Admin_routes_need_an_admin_and_refuse_bad_overrides_and_unknown_policies()
    {
        using (var anonymous = api.From("10.0.8.1"))
            await ApiJson.AssertProblemAsync(await anonymous.GetAsync("/api/v1/admin/rate-limits"), HttpStatusCode.Unauthorized, "unauthorized");
        using (var user = api.From("10.0.8.2", "rl-not-admin"))
        {
            await ApiJson.AssertProblemAsync(await user.GetAsync("/api/v1/admin/rate-limits/api/x"), HttpStatusCode.Forbidden, "forbidden");
            await ApiJson.AssertProblemAsync(await user.PutAsync("/api/v1/admin/rate-limits/api/x/override", ApiFixture.Json("""{"limit":5}""")),
                HttpStatusCode.Forbidden, "forbidden");
        }

        // Each write from another admin: sensitive allows two per minute per key.
        var cases = new (string Path, string Body, string Field)[]
        {
            ("api/x/override", """{"limit":0}""", "limit"),
            ("api/x/override", """{"burst":5}""", "burst"),
            ("market_data/x/override", """{"refill_per_second":"fast"}""", "refill_per_second"),
            ("trading/x/override", "{}", "burst"),
            ("order_creation/x/override", """{"window_seconds":1.5}""", "window_seconds"),
        };
        for (var i = 0; i < cases.Length; i++)
        {
            using var admin = api.From("10.0.8.3", $"rl-bad-{i}", "admin");
            var problem = await ApiJson.AssertProblemAsync(await admin.PutAsync($"/api/v1/admin/rate-limits/{cases[i].Path}", ApiFixture.Json(cases[i].Body)),
                HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(cases[i].Field, out _), $"{cases[i].Body}: {problem}");
        }

        using var ops = api.From("10.0.8.4", "rl-unknown", "admin");
        await ApiJson.AssertProblemAsync(await ops.GetAsync("/api/v1/admin/rate-limits/nope/x"), HttpStatusCode.NotFound, "unknown_policy");
        await ApiJson.AssertProblemAsync(await ops.PutAsync("/api/v1/admin/rate-limits/nope/x/override", ApiFixture.Json("""{"limit":5}""")),
            HttpStatusCode.NotFound, "unknown_policy");
    }

    [Fact]
    public async Task Statistics_count_allowed_and_refused_per_policy_with_the_most_refused_keys()
    {
        using var trader = api.From("10.0.9.1", "rl-stats");
        for (var i = 0; i < 3; i++) await ApiJson.AssertStatusAsync(await trader.PostAsync("/api/v1/orders", Order("0.0203")), HttpStatusCode.Created);
        for (var i = 0; i < 2; i++) await ApiJson.AssertProblemAsync(await trader.PostAsync("/api/v1/orders", Order("0.0203")), HttpStatusCode.TooManyRequests, "rate_limited");

        using var admin = api.From("10.0.9.2", "rl-stats-admin", "admin");
        var stats = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/rate-limits"), HttpStatusCode.OK);
        Assert.Equal(["api", "auth", "trading", "order_creation", "sensitive", "market_data"], stats.EnumerateArray().Select(p => p.Str("policy")));
        var creation = stats.EnumerateArray().Single(p => p.Str("policy") == "order_creation");
        Assert.Equal(["policy", "strategy", "allowed", "refused", "top_refused_keys"], creation.EnumerateObject().Select(p => p.Name));
        Assert.True(creation.GetProperty("allowed").GetInt64() >= 3 && creation.GetProperty("refused").GetInt64() >= 2, creation.ToString());
        var mine = creation.GetProperty("top_refused_keys").EnumerateArray().Single(k => k.Str("key") == "rl-stats");
        Assert.Equal(2, mine.GetProperty("refused").GetInt64());

        // And as this host's metrics, per policy and outcome.
        var metrics = await admin.GetStringAsync("/metrics");
        var refused = metrics.Split('\n').Single(l => l.StartsWith("gtx_ratelimit_decisions_total{", StringComparison.Ordinal)
            && l.Contains("outcome=\"refused\"", StringComparison.Ordinal) && l.Contains("policy=\"order_creation\"", StringComparison.Ordinal));
        Assert.True(long.Parse(refused[(refused.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) >= 2, refused);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static StringContent Order(string price) =>
        ApiFixture.Json($$"""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"{{price}}","quantity":"1"}""");

    private async Task<HttpStatusCode> UpgradeStatusAsync(string token, string ip)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        socket.Options.SetRequestHeader("X-Forwarded-For", ip);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var uri = new UriBuilder(api.BaseAddress) { Scheme = "ws", Path = "/ws" }.Uri;
        try
        {
            await socket.ConnectAsync(uri, timeout.Token);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }
}
