using GridTokenX.ApiHost.Tests.Hosting;

namespace GridTokenX.ApiHost.Tests.Settlement;

/// <summary>The same money checks with a silo and an API host on Redis: Redlock on the main Redis, the Redis store.</summary>
public sealed class RedisModeMoneyTests : IAsyncLifetime
{
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await RedisModeHosts.StartAsync("money", new Dictionary<string, string?>
    {
        ["GridTokenX:Accounts:Faucet:Usd"] = "0",
        ["GridTokenX:Accounts:Faucet:Kwh"] = "0",
    });

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Reservations_settlement_and_releases_are_exact()
    {
        await MoneyFlowChecks.ReservationsSettlementAndReleasesAreExactAsync(new MoneyScenario((u, r) => _hosts.As(u, r), "rm1"));
        await MoneyFlowChecks.MarketBuysReserveAtTheirArrivalBoundAsync(new MoneyScenario((u, r) => _hosts.As(u, r), "rm2"));
    }
}
