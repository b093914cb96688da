using System.Globalization;
using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Minting;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary>
/// Minting over Redis with three independent lock nodes, a silo and two API hosts: the same mint from both hosts at
/// once is applied once; a stale lock holder cannot write; without a lock quorum nothing is minted.
/// </summary>
public sealed class RedisMintTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-1);
    private readonly List<RedisServer> _lockNodes = [];
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++) _lockNodes.Add(await RedisServer.StartAsync());
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < _lockNodes.Count; i++) settings[$"GridTokenX:Redis:LockEndpoints:{i}"] = _lockNodes[i].ConnectionString;
        _hosts = await RedisModeHosts.StartAsync("redis-mint", settings, apiHosts: 2);
        foreach (var address in _hosts.BaseAddresses)
        {
            using var client = new HttpClient { BaseAddress = address };
            await Eventually.Until(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "the API hosts to see the cluster");
        }
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        foreach (var node in _lockNodes) await node.DisposeAsync();
    }

    private IMoneyStore Money => _hosts.SiloServices.GetRequiredService<IMoneyStore>();

    [Fact]
    public async Task The_same_mint_sent_at_once_through_two_API_hosts_is_applied_once_and_the_totals_balance()
    {
        const int Senders = 8;
        var minted = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var readings = new List<(string User, string ReadingId)>();
        for (var u = 0; u < 3; u++)
        {
            var (meterId, owner) = (MeterSetup.NewId("MC"), MeterSetup.NewId("uc"));
            using var meter = await MeterSetup.RegisterAsync(_hosts.BaseAddress, _hosts.Token("admin", Roles.Admin), meterId, owner);
            for (var r = 0; r < 4; r++)
            {
                var readingId = MeterSetup.NewId("rc");
                var kwh = 1.001m * (u + 1) + r;
                await MeterSetup.PostReadingAsync(meter, meterId, readingId, kwh.ToString(CultureInfo.InvariantCulture), Earlier.AddMinutes(r));
                readings.Add((owner, readingId));
                minted[owner] = minted.GetValueOrDefault(owner) + kwh;
            }
        }

        // Energy enters by deposits too: the conservation sum counts both.
        var depositor = readings[0].User;
        using (var admin = _hosts.As("admin", Roles.Admin, host: 1))
        {
            await ApiJson.AssertStatusAsync(await admin.PostAsync($"/api/v1/admin/accounts/{depositor}/deposits",
                ApiFixture.Json("""{"asset":"KWH","amount":"5.5","deposit_id":"mint-test-deposit"}""")), HttpStatusCode.Created);
        }

        var deposited = 5.5m;
        var clients = readings.Select(r => r.User).Distinct().ToDictionary(u => u, u => Enumerable.Range(0, 2).Select(h => _hosts.As(u, host: h)).ToArray());
        try
        {
            var results = await Task.WhenAll(readings.SelectMany(r => Enumerable.Range(0, Senders).Select(async i =>
            {
                var response = await MeterSetup.MintAsync(clients[r.User][i % 2], r.ReadingId);
                return (r.ReadingId, Status: response.StatusCode, Body: await ApiJson.ReadAsync(response));
            })));

            foreach (var perReading in results.GroupBy(x => x.ReadingId))
            {
                var won = Assert.Single(perReading, x => x.Status == HttpStatusCode.Created);
                var lost = perReading.Where(x => x.Status != HttpStatusCode.Created).ToList();
                Assert.Equal(Senders - 1, lost.Count);
                Assert.All(lost, x =>
                {
                    Assert.Equal(HttpStatusCode.Conflict, x.Status);
                    Assert.Equal("already_minted", x.Body.Str("code"));
                    Assert.Equal(won.Body.GetProperty("mint").ToString(), x.Body.GetProperty("mint").ToString());
                });
            }
        }
        finally
        {
            foreach (var client in clients.Values.SelectMany(c => c)) client.Dispose();
        }

        foreach (var (owner, kwh) in minted)
        {
            var account = await Money.GetAccountAsync(owner, CancellationToken.None);
            Assert.Equal(kwh + (owner == depositor ? deposited : 0m), account.Balances[Assets.Kwh].Available);
        }

        var totals = await Money.GetTotalsAsync(CancellationToken.None);
        var ids = await Money.GetAccountIdsAsync(CancellationToken.None);
        var sum = 0m;
        foreach (var id in ids) sum += (await Money.GetAccountAsync(id, CancellationToken.None)).Balances[Assets.Kwh].Total;
        Assert.Equal(minted.Values.Sum() + deposited, totals.Sources[Assets.Kwh]);
        Assert.Equal(0m, totals.Imbalance(Assets.Kwh));
        Assert.Equal(totals.Sources[Assets.Kwh], sum);
        using var auditor = _hosts.As("admin", Roles.Admin);
        var conservation = await ApiJson.AssertStatusAsync(await auditor.GetAsync("/api/v1/admin/money/conservation"), HttpStatusCode.OK);
        Assert.Equal(0m, decimal.Parse(conservation.GetProperty("assets").GetProperty("KWH").Str("imbalance"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_stale_wallet_lock_holders_write_is_refused_and_changes_nothing()
    {
        var locks = _hosts.SiloServices.GetRequiredService<IDistributedLock>();
        var owner = MeterSetup.NewId("us");
        var resource = LockResources.Wallet(owner);
        Reading Reading(string id) => new(id, "M-stale", owner, 2m, Earlier, Earlier, Minted: false);

        var stale = await locks.AcquireAsync(resource, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.NotNull(stale);
        await locks.ForceReleaseAsync(resource);
        await using var current = await locks.AcquireAsync(resource, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.NotNull(current);
        Assert.True(current.FencingToken > stale.FencingToken);

        var fresh = MintWrites.For(Reading("r-new"), new Mint("mint-r-new", "r-new", "M-stale", owner, 2m, current.FencingToken, Earlier));
        var late = MintWrites.For(Reading("r-old"), new Mint("mint-r-old", "r-old", "M-stale", owner, 2m, stale.FencingToken, Earlier));
        var applied = await Money.ApplyAsync([fresh], CancellationToken.None);
        var refused = await Money.ApplyAsync([late], CancellationToken.None);
        await stale.DisposeAsync();

        Assert.Equal(MoneyWriteStatus.Applied, applied[0].Status);
        Assert.Equal(MoneyWriteStatus.StaleFence, refused[0].Status);
        Assert.Equal(2m, (await Money.GetAccountAsync(owner, CancellationToken.None)).Balances[Assets.Kwh].Available);
        Assert.Null(await Money.GetOperationResultAsync(MintingIds.MintOperation("r-old"), CancellationToken.None));
        Assert.Equal(0m, (await Money.GetTotalsAsync(CancellationToken.None)).Imbalance(Assets.Kwh));
    }

    [Fact]
    public async Task Without_a_lock_quorum_a_mint_is_503_and_applies_nothing_and_succeeds_once_the_nodes_are_back()
    {
        var (meterId, owner, readingId) = (MeterSetup.NewId("MQ"), MeterSetup.NewId("uq"), MeterSetup.NewId("rq"));
        using var meter = await MeterSetup.RegisterAsync(_hosts.BaseAddress, _hosts.Token("admin", Roles.Admin), meterId, owner);
        await MeterSetup.PostReadingAsync(meter, meterId, readingId, "4.5", Earlier);
        using var user = _hosts.As(owner, host: 1);

        _lockNodes[0].Kill();
        _lockNodes[1].Kill();
        var refused = await MeterSetup.MintAsync(user, readingId);
        await ApiJson.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(0m, (await Money.GetAccountAsync(owner, CancellationToken.None)).Balances[Assets.Kwh].Total);
        Assert.Null(await Money.GetOperationResultAsync(MintingIds.MintOperation(readingId), CancellationToken.None));
        var last = (await ApiJson.AssertStatusAsync(await user.GetAsync("/api/v1/meters"), HttpStatusCode.OK))[0].GetProperty("last_reading");
        Assert.False(last.GetProperty("minted").GetBoolean());

        await _lockNodes[0].RestartAsync();
        await _lockNodes[1].RestartAsync();
        var created = await Eventually.Until(async () =>
        {
            var response = await MeterSetup.MintAsync(user, readingId);
            return (response.StatusCode, Body: await ApiJson.ReadAsync(response));
        }, r => r.StatusCode != HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60), "a mint once the lock nodes are back");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("4.500", created.Body.GetProperty("mint").Str("amount"));
        Assert.Equal(4.5m, (await Money.GetAccountAsync(owner, CancellationToken.None)).Balances[Assets.Kwh].Available);
    }
}
