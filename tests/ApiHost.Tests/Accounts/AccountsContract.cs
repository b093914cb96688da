using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Accounts;

/// <summary>API.md "Accounts" over HTTP; run in standalone mode and in Redis mode (silo + API host over Redis).</summary>
public abstract class AccountsContract
{
    protected abstract HttpClient As(string user, string role = Roles.User);

    protected abstract HttpClient Anonymous();

    protected static string NewUser() => "u" + Guid.NewGuid().ToString("N")[..12];

    protected static StringContent Json(string body) => ApiFixture.Json(body);

    protected Task<HttpResponseMessage> DepositAsync(string user, string body) =>
        As("admin", Roles.Admin).PostAsync($"/api/v1/admin/accounts/{user}/deposits", Json(body));

    protected async Task<JsonElement> AccountAsync(string user) =>
        await ApiJson.AssertStatusAsync(await As(user).GetAsync("/api/v1/account"), HttpStatusCode.OK);

    protected async Task<JsonElement> LedgerAsync(string user, string query = "") =>
        await ApiJson.AssertStatusAsync(await As(user).GetAsync("/api/v1/account/ledger" + query), HttpStatusCode.OK);

    private static string Balance(JsonElement account, string asset, string field) =>
        account.GetProperty("balances").GetProperty(asset).GetProperty(field).GetString()!;

    [Fact]
    public async Task A_new_user_has_zero_balances_and_an_empty_ledger()
    {
        var user = NewUser();
        var account = await AccountAsync(user);

        Assert.Equal(user, account.GetProperty("user_id").GetString());
        foreach (var asset in new[] { "USD", "KWH" })
        {
            foreach (var field in new[] { "available", "reserved", "total" }) Assert.Equal("0", Balance(account, asset, field));
        }

        Assert.Equal(JsonValueKind.Null, account.GetProperty("updated_at").ValueKind);
        Assert.Equal(0, (await LedgerAsync(user)).GetArrayLength());
    }

    [Fact]
    public async Task A_deposit_is_created_once_repeated_as_200_and_conflicts_with_another_body()
    {
        var user = NewUser();
        var id = "dep-" + user;

        var created = await ApiJson.AssertStatusAsync(await DepositAsync(user, $$"""{"asset":"USD","amount":"100.50","deposit_id":"{{id}}"}"""), HttpStatusCode.Created);
        var repeated = await ApiJson.AssertStatusAsync(await DepositAsync(user, $$"""{"asset":"USD","amount":100.5,"deposit_id":"{{id}}"}"""), HttpStatusCode.OK);
        var conflict = await ApiJson.AssertProblemAsync(await DepositAsync(user, $$"""{"asset":"USD","amount":"100.51","deposit_id":"{{id}}"}"""),
            HttpStatusCode.Conflict, "deposit_id_conflict");
        var elsewhere = await ApiJson.AssertProblemAsync(await DepositAsync(NewUser(), $$"""{"asset":"USD","amount":"100.50","deposit_id":"{{id}}"}"""),
            HttpStatusCode.Conflict, "deposit_id_conflict");

        var deposit = created.GetProperty("deposit");
        Assert.Equal(id, deposit.GetProperty("deposit_id").GetString());
        Assert.Equal(user, deposit.GetProperty("user_id").GetString());
        Assert.Equal("USD", deposit.GetProperty("asset").GetString());
        Assert.Equal("100.50", deposit.GetProperty("amount").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", deposit.GetProperty("created_at").GetString());
        Assert.Equal("100.50", created.GetProperty("balances").GetProperty("USD").GetProperty("available").GetString());
        Assert.Equal(deposit.ToString(), repeated.GetProperty("deposit").ToString());
        Assert.Equal(deposit.ToString(), conflict.GetProperty("deposit").ToString());
        Assert.Equal(deposit.ToString(), elsewhere.GetProperty("deposit").ToString());

        var account = await AccountAsync(user);
        Assert.Equal("100.50", Balance(account, "USD", "available"));
        Assert.Equal("100.50", Balance(account, "USD", "total"));
        Assert.Equal("0", Balance(account, "KWH", "total"));
        var entry = Assert.Single((await LedgerAsync(user)).EnumerateArray());
        Assert.Equal(1, entry.GetProperty("entry_id").GetInt64());
        Assert.Equal("deposit", entry.GetProperty("kind").GetString());
        Assert.Equal(id, entry.GetProperty("reference").GetString());
        Assert.Equal("100.50", entry.GetProperty("available_delta").GetString());
        Assert.Equal("0", entry.GetProperty("reserved_delta").GetString());
        Assert.Equal("100.50", entry.GetProperty("available_after").GetString());
    }

    [Theory]
    [InlineData("""{"asset":"EUR","amount":"1","deposit_id":"x1"}""", "asset")]
    [InlineData("""{"amount":"1","deposit_id":"x1"}""", "asset")]
    [InlineData("""{"asset":"USD","deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":"0","deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":"-5","deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":"abc","deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":true,"deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":"0.0000000000001","deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":"1000000000.01","deposit_id":"x1"}""", "amount")]
    [InlineData("""{"asset":"USD","amount":"1"}""", "deposit_id")]
    [InlineData("""{"asset":"USD","amount":"1","deposit_id":""}""", "deposit_id")]
    [InlineData("""{"asset":"USD","amount":"1","deposit_id":"has space"}""", "deposit_id")]
    [InlineData("""{"asset":"USD","amount":"1","deposit_id":"x12345678901234567890123456789012345678901234567890123456789012345"}""", "deposit_id")]
    [InlineData("""{"asset":"USD","amount":"1","deposit_id":7}""", "deposit_id")]
    public async Task A_bad_deposit_is_400_with_the_field_named_and_changes_nothing(string body, string field)
    {
        var user = NewUser();

        var problem = await ApiJson.AssertProblemAsync(await DepositAsync(user, body), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await AssertUntouched(user);
    }

    [Theory]
    [InlineData("bad!user", "validation_failed")]
    [InlineData("u123456789012345678901234567890123456789012345678901234567890123456", "validation_failed")]
    [InlineData("fees", "validation_failed")]
    public async Task A_deposit_to_a_bad_user_id_or_to_the_fees_account_is_400(string user, string code)
    {
        var problem = await ApiJson.AssertProblemAsync(await DepositAsync(user, """{"asset":"USD","amount":"1","deposit_id":"bad-user"}"""),
            HttpStatusCode.BadRequest, code);

        Assert.True(problem.GetProperty("errors").TryGetProperty("user_id", out _));
        var fees = await ApiJson.AssertStatusAsync(await As("admin", Roles.Admin).GetAsync("/api/v1/admin/accounts/fees"), HttpStatusCode.OK);
        Assert.Equal("fees", fees.GetProperty("user_id").GetString());
        await ApiJson.AssertProblemAsync(await As("admin", Roles.Admin).GetAsync("/api/v1/admin/accounts/bad!user"), HttpStatusCode.BadRequest,
            "validation_failed");
    }

    [Fact]
    public async Task A_malformed_body_is_refused_and_changes_nothing()
    {
        var user = NewUser();
        await ApiJson.AssertProblemAsync(await DepositAsync(user, "{not json"), HttpStatusCode.BadRequest, "invalid_json");
        await ApiJson.AssertProblemAsync(await DepositAsync(user, "[1]"), HttpStatusCode.BadRequest, "invalid_json");
        await ApiJson.AssertProblemAsync(await As("admin", Roles.Admin).PostAsync($"/api/v1/admin/accounts/{user}/deposits",
            new StringContent("asset=USD", System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertUntouched(user);
    }

    [Fact]
    public async Task Admin_routes_are_401_anonymous_and_403_for_users_and_user_routes_401_anonymous()
    {
        var user = NewUser();
        const string body = """{"asset":"USD","amount":"1","deposit_id":"auth-1"}""";

        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().PostAsync($"/api/v1/admin/accounts/{user}/deposits", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(user).PostAsync($"/api/v1/admin/accounts/{user}/deposits", Json(body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync($"/api/v1/admin/accounts/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(user).GetAsync($"/api/v1/admin/accounts/{user}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(user).GetAsync("/api/v1/admin/accounts/fees")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As(user).GetAsync("/api/v1/admin/money/conservation")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous().GetAsync("/api/v1/account/ledger")).StatusCode);
        await AssertUntouched(user);
    }

    [Fact]
    public async Task A_user_sees_only_their_own_account_and_ledger_and_the_admin_sees_any()
    {
        var rich = NewUser();
        var other = NewUser();
        await ApiJson.AssertStatusAsync(await DepositAsync(rich, $$"""{"asset":"KWH","amount":"7.125","deposit_id":"iso-{{rich}}"}"""), HttpStatusCode.Created);

        // The user routes take no user id: whatever the caller tries, it gets its own account.
        var seen = await ApiJson.AssertStatusAsync(await As(other).GetAsync("/api/v1/account?user_id=" + rich), HttpStatusCode.OK);
        Assert.Equal(other, seen.GetProperty("user_id").GetString());
        Assert.Equal("0", Balance(seen, "KWH", "total"));
        Assert.Equal(0, (await LedgerAsync(other, "?user_id=" + rich)).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await As(other).GetAsync($"/api/v1/account/{rich}")).StatusCode);

        var admin = await ApiJson.AssertStatusAsync(await As("admin", Roles.Admin).GetAsync($"/api/v1/admin/accounts/{rich}"), HttpStatusCode.OK);
        Assert.Equal(rich, admin.GetProperty("user_id").GetString());
        Assert.Equal("7.125", Balance(admin, "KWH", "available"));
        Assert.NotEqual(JsonValueKind.Null, admin.GetProperty("updated_at").ValueKind);
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_with_before_and_an_asset_filter_and_refuses_bad_parameters()
    {
        var user = NewUser();
        for (var i = 1; i <= 5; i++)
        {
            var asset = i % 2 == 0 ? "KWH" : "USD";
            await ApiJson.AssertStatusAsync(await DepositAsync(user, $$"""{"asset":"{{asset}}","amount":"{{i}}","deposit_id":"{{user}}-{{i}}"}"""),
                HttpStatusCode.Created);
        }

        static long[] Ids(JsonElement page) => [.. page.EnumerateArray().Select(e => e.GetProperty("entry_id").GetInt64())];
        Assert.Equal(new long[] { 5, 4, 3, 2, 1 }, Ids(await LedgerAsync(user)));
        Assert.Equal(new long[] { 5, 4 }, Ids(await LedgerAsync(user, "?limit=2")));
        Assert.Equal(new long[] { 3, 2 }, Ids(await LedgerAsync(user, "?limit=2&before=4")));
        Assert.Equal(new long[] { 4, 2 }, Ids(await LedgerAsync(user, "?asset=KWH")));
        Assert.Equal(new long[] { 3, 1 }, Ids(await LedgerAsync(user, "?asset=USD&before=5&limit=1000")));
        Assert.Equal(9, (await LedgerAsync(user, "?asset=USD")).EnumerateArray().Sum(e => decimal.Parse(e.GetProperty("available_delta").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture)));

        foreach (var (query, field) in new[]
        {
            ("?limit=0", "limit"), ("?limit=1001", "limit"), ("?limit=abc", "limit"), ("?before=0", "before"), ("?before=abc", "before"),
            ("?before=-1", "before"), ("?asset=EUR", "asset"), ("?asset=usd", "asset"), ("?asset=USD&asset=KWH", "asset"),
        })
        {
            var problem = await ApiJson.AssertProblemAsync(await As(user).GetAsync("/api/v1/account/ledger" + query), HttpStatusCode.BadRequest,
                "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task The_admin_conservation_view_shows_no_imbalance()
    {
        await ApiJson.AssertStatusAsync(await DepositAsync(NewUser(), $$"""{"asset":"USD","amount":"3.3","deposit_id":"cons-{{NewUser()}}"}"""),
            HttpStatusCode.Created);

        var view = await ApiJson.AssertStatusAsync(await As("admin", Roles.Admin).GetAsync("/api/v1/admin/money/conservation"), HttpStatusCode.OK);

        foreach (var asset in new[] { "USD", "KWH" })
        {
            var a = view.GetProperty("assets").GetProperty(asset);
            Assert.Equal("0", decimal.Parse(a.GetProperty("imbalance").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToString("0.#"));
            Assert.Equal(a.GetProperty("accounts_total").GetString(), a.GetProperty("sources").GetString());
        }

        Assert.NotEqual("0", view.GetProperty("assets").GetProperty("USD").GetProperty("sources").GetString());
    }

    private async Task AssertUntouched(string user)
    {
        var account = await AccountAsync(user);
        Assert.Equal("0", Balance(account, "USD", "total"));
        Assert.Equal("0", Balance(account, "KWH", "total"));
        Assert.Equal(0, (await LedgerAsync(user)).GetArrayLength());
    }
}
