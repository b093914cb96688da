using System.Globalization;
using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Settlement;

/// <summary>
/// A money scenario over HTTP against any running API host: funds users with admin deposits, trades, and checks every
/// reservation, settlement, release and balance against amounts worked out by hand from API.md, ending with the
/// conservation check (each asset's total over every account equals what was deposited) and no negative balance.
/// </summary>
public sealed class MoneyScenario(Func<string, string, HttpClient> clientFor, string prefix)
{
    private readonly HttpClient _admin = clientFor("admin-" + prefix, Roles.Admin);
    private readonly Dictionary<string, decimal> _deposited = new() { ["USD"] = 0m, ["KWH"] = 0m };
    private readonly HashSet<string> _users = [];

    public string User(string name)
    {
        var user = $"{prefix}-{name}";
        _users.Add(user);
        return user;
    }

    public HttpClient As(string user) => clientFor(user, Roles.User);

    public async Task DepositAsync(string user, string asset, decimal amount)
    {
        var body = JsonSerializer.Serialize(new { asset, amount = amount.ToString(CultureInfo.InvariantCulture), deposit_id = $"dep-{Guid.NewGuid():N}" });
        await ApiJson.AssertStatusAsync(await _admin.PostAsync($"/api/v1/admin/accounts/{user}/deposits", ApiFixture.Json(body)), HttpStatusCode.Created);
        _deposited[asset] += amount;
    }

    public static StringContent Order(string side, string? price, string quantity, string type = "limit", string tif = "gtc")
    {
        var fields = new Dictionary<string, object?> { ["symbol"] = "ENERGY-USD", ["side"] = side, ["type"] = type, ["quantity"] = quantity };
        if (price is not null) fields["price"] = price;
        if (type == "limit") fields["time_in_force"] = tif;
        return ApiFixture.Json(JsonSerializer.Serialize(fields));
    }

    /// <summary>(available, reserved) of one asset, as the user sees it.</summary>
    public async Task<(decimal Available, decimal Reserved)> BalanceAsync(string user, string asset)
    {
        using var client = As(user);
        var account = await ApiJson.AssertStatusAsync(await client.GetAsync("/api/v1/account"), HttpStatusCode.OK);
        var b = account.GetProperty("balances").GetProperty(asset);
        var (available, reserved, total) = (Dec(b.Str("available")), Dec(b.Str("reserved")), Dec(b.Str("total")));
        Assert.Equal(available + reserved, total);
        return (available, reserved);
    }

    public async Task<(decimal Available, decimal Reserved)> AdminBalanceAsync(string account, string asset)
    {
        var a = await ApiJson.AssertStatusAsync(await _admin.GetAsync($"/api/v1/admin/accounts/{account}"), HttpStatusCode.OK);
        var b = a.GetProperty("balances").GetProperty(asset);
        return (Dec(b.Str("available")), Dec(b.Str("reserved")));
    }

    public async Task<JsonElement> SettledAsync(HttpClient party, string tradeId)
    {
        JsonElement settlement = default;
        await Eventually.Until(async () =>
        {
            settlement = await ApiJson.AssertStatusAsync(await party.GetAsync($"/api/v1/settlements/{tradeId}"), HttpStatusCode.OK);
            return settlement.Str("status") == "settled";
        }, TimeSpan.FromSeconds(30), $"trade {tradeId} settled");
        return settlement;
    }

    /// <summary>Every asset's total over every account this scenario touched (and fees) equals what was deposited; nothing is negative.</summary>
    public async Task AssertConservedAsync()
    {
        foreach (var asset in new[] { "USD", "KWH" })
        {
            var sum = 0m;
            foreach (var account in _users.Append("fees"))
            {
                var (available, reserved) = await AdminBalanceAsync(account, asset);
                Assert.True(available >= 0 && reserved >= 0, $"{account} {asset} negative: {available}/{reserved}");
                sum += available + reserved;
            }

            Assert.Equal(_deposited[asset], sum - (asset == "USD" ? FeesBefore : 0m));
        }
    }

    /// <summary>The fees account is shared by every test of a host; what it held before this scenario is not part of it.</summary>
    public decimal FeesBefore { get; set; }

    public static decimal Dec(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);
}
