using System.Net;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Accounts;

public sealed class StandaloneAccountsTests(ApiFixture api) : AccountsContract, IClassFixture<ApiFixture>
{
    protected override HttpClient As(string user, string role = Roles.User) => api.As(user, role);

    protected override HttpClient Anonymous() => api.Anonymous();

    [Fact]
    public async Task The_banner_users_start_with_demo_balances()
    {
        foreach (var user in new[] { "alice", "bob" })
        {
            var account = await ApiJson.AssertStatusAsync(await api.As(user).GetAsync("/api/v1/account"), HttpStatusCode.OK);
            Assert.Equal("10000", account.GetProperty("balances").GetProperty("USD").GetProperty("available").GetString());
            Assert.Equal("1000", account.GetProperty("balances").GetProperty("KWH").GetProperty("available").GetString());
        }

        // Fixed deposit ids: the same demo deposit again changes nothing.
        var again = await api.As("admin", Roles.Admin).PostAsync("/api/v1/admin/accounts/alice/deposits",
            ApiFixture.Json("""{"asset":"USD","amount":"10000","deposit_id":"demo-alice-usd"}"""));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await ApiJson.AssertStatusAsync(await api.As("alice").GetAsync("/api/v1/account/ledger"), HttpStatusCode.OK)).GetArrayLength());
    }
}
