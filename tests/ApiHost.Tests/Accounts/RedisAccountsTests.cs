using System.Net;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Accounts;

public sealed class RedisAccountsTests : AccountsContract, IAsyncLifetime
{
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await RedisModeHosts.StartAsync("accounts");

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    protected override HttpClient As(string user, string role = Roles.User) => _hosts.As(user, role);

    protected override HttpClient Anonymous() => new() { BaseAddress = _hosts.BaseAddress };

    [Fact]
    public async Task Everyone_starts_at_zero_and_a_deposit_survives_a_redis_restart()
    {
        var alice = await ApiJson.AssertStatusAsync(await As("alice").GetAsync("/api/v1/account"), HttpStatusCode.OK);
        Assert.Equal("0", alice.GetProperty("balances").GetProperty("USD").GetProperty("total").GetString());

        await ApiJson.AssertStatusAsync(await DepositAsync("carol", """{"asset":"KWH","amount":"2.5","deposit_id":"durable-1"}"""), HttpStatusCode.Created);
        _hosts.Redis.Kill();
        await ApiJson.AssertProblemAsync(await DepositAsync("carol", """{"asset":"KWH","amount":"1","deposit_id":"durable-2"}"""),
            HttpStatusCode.ServiceUnavailable, "service_unavailable");
        await _hosts.Redis.RestartAsync();

        var carol = await TestSupport.Eventually.Until(async () => await As("carol").GetAsync("/api/v1/account"), r => r.StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the account to be readable again");
        var body = await ApiJson.ReadAsync(carol);
        Assert.Equal("2.5", body.GetProperty("balances").GetProperty("KWH").GetProperty("available").GetString());
        Assert.Equal(HttpStatusCode.OK, (await DepositAsync("carol", """{"asset":"KWH","amount":"2.5","deposit_id":"durable-1"}""")).StatusCode);
    }
}
