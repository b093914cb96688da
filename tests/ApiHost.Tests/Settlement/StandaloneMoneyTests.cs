namespace GridTokenX.ApiHost.Tests.Settlement;

/// <summary>Standalone host with the faucet off: every user has exactly what an admin deposited.</summary>
public sealed class MoneyApiFixture() : ApiFixture(new Dictionary<string, string?>
{
    ["GridTokenX:Accounts:Faucet:Usd"] = "0",
    ["GridTokenX:Accounts:Faucet:Kwh"] = "0",
});

public sealed class StandaloneMoneyTests(MoneyApiFixture api) : IClassFixture<MoneyApiFixture>
{
    [Fact]
    public Task Reservations_settlement_and_releases_are_exact() =>
        MoneyFlowChecks.ReservationsSettlementAndReleasesAreExactAsync(new MoneyScenario(api.As, "sa1"));

    [Fact]
    public Task Market_buys_reserve_at_their_arrival_bound() =>
        MoneyFlowChecks.MarketBuysReserveAtTheirArrivalBoundAsync(new MoneyScenario(api.As, "sa2"));
}
