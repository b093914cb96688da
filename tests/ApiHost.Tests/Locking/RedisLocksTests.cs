using System.Net;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Hosting;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Locking;

/// <summary>
/// Redis mode with three real lock nodes: a lock the silo holds is visible on the API host (which has its own Redlock
/// over the same nodes), the silo's statistics reach the admin view, a killed node shows down, and a force-release
/// through the route makes the silo's holder lose its lock.
/// </summary>
public sealed class RedisLocksTests : IAsyncLifetime
{
    // A deadline, not a duration: on a loaded machine a node can miss its 250 ms answer time for a few rounds.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly List<RedisServer> _lockNodes = [];
    private RedisModeHosts _hosts = null!;

    public async Task InitializeAsync()
    {
        _lockNodes.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RedisServer.StartAsync())));
        var settings = new Dictionary<string, string?> { ["GridTokenX:Alerts:Cooldown"] = "00:00:00" };
        for (var i = 0; i < _lockNodes.Count; i++) settings[$"GridTokenX:Redis:LockEndpoints:{i}"] = _lockNodes[i].ConnectionString;
        _hosts = await RedisModeHosts.StartAsync("redis-locks", settings);
    }

    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        foreach (var node in _lockNodes) await node.DisposeAsync();
    }

    [Fact]
    public async Task A_silos_lock_and_statistics_show_on_the_api_host_and_a_killed_node_shows_down()
    {
        var (silo, held) = await SiloHoldsAsync("account:locks-frank");
        await using var _ = held;
        using var admin = _hosts.As("locks-ops", Roles.Admin);
        // Contended, then refused: the silo finds its own lock held until the wait is spent.
        Assert.Null(await silo.AcquireAsync("account:locks-frank", TimeSpan.FromMilliseconds(100), CancellationToken.None));

        var body = await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/locks"), HttpStatusCode.OK);
        LocksJson.AssertShape(body);
        var listed = LocksJson.AssertHeld(body, "account:locks-frank", held.FencingToken, "silo@");
        var expires = DateTimeOffset.Parse(listed.Str("expires_at"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expires > DateTimeOffset.Parse(listed.Str("acquired_at"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(_lockNodes.Select(n => $"127.0.0.1:{n.Port}"), body.GetProperty("nodes").EnumerateArray().Select(n => n.Str("endpoint")));
        Assert.All(body.GetProperty("nodes").EnumerateArray(), n => Assert.True(n.GetProperty("up").GetBoolean()));

        // The silo publishes every few seconds; the API host adds it up.
        var stats = await Eventually.Until(async () => (await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/locks"))).GetProperty("stats"),
            s => s.GetProperty("acquired").GetInt64() >= 1 && s.GetProperty("refused").GetInt64() >= 1 && s.GetProperty("contended").GetInt64() >= 1,
            TimeSpan.FromSeconds(20), "the silo's statistics in the admin view");
        Assert.True(stats.GetProperty("acquire_ms").GetProperty("p50").GetDouble() > 0);

        _lockNodes[2].Kill();
        // Each view asks every node with a short deadline, which a live node on a loaded machine can miss now and then.
        var nodes = await Eventually.Until(
            async () => (await ApiJson.AssertStatusAsync(await admin.GetAsync("/api/v1/admin/locks"), HttpStatusCode.OK)).GetProperty("nodes")
                .EnumerateArray().Select(n => n.GetProperty("up").GetBoolean()).ToArray(),
            up => up.SequenceEqual([true, true, false]), TimeSpan.FromSeconds(20), "the killed node alone shown down");
        Assert.Equal([true, true, false], nodes);
        Assert.NotNull(LocksJson.Held(await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/locks")), "account:locks-frank"));
    }

    [Fact]
    public async Task A_force_release_through_the_route_makes_the_silos_holder_lose_its_lock_and_raises_an_alert_naming_the_admin()
    {
        var (silo, held) = await SiloHoldsAsync("wallet:locks-gina");
        await using var _ = held;
        using var admin = _hosts.As("locks-chief", Roles.Admin);

        var released = await ApiJson.AssertStatusAsync(await admin.DeleteAsync("/api/v1/admin/locks/wallet:locks-gina"), HttpStatusCode.OK);
        Assert.Equal(3, released.GetProperty("released_on_nodes").GetInt32());
        // The holder finds out at its next extension (a third of the TTL at most).
        await Eventually.Until(() => Task.FromResult(held.Lost.IsCancellationRequested), TimeSpan.FromSeconds(15), "the silo's holder to lose the lock");
        await using (var next = await silo.AcquireAsync("wallet:locks-gina", Wait, CancellationToken.None))
        {
            Assert.NotNull(next);
            Assert.True(next.FencingToken > held.FencingToken);
        }

        Assert.Null(LocksJson.Held(await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/locks")), "wallet:locks-gina"));
        await ApiJson.AssertProblemAsync(await admin.DeleteAsync("/api/v1/admin/locks/wallet:locks-gina"), HttpStatusCode.NotFound, "lock_not_held");
        await Eventually.Until(async () =>
        {
            var alerts = await ApiJson.ReadAsync(await admin.GetAsync("/api/v1/admin/alerts"));
            return alerts.EnumerateArray().Any(a => a.Str("kind") == "security_event" && a.GetProperty("details").TryGetProperty("user", out var u)
                && u.GetString() == "locks-chief" && a.GetProperty("details").Str("resource") == "wallet:locks-gina");
        }, TimeSpan.FromSeconds(15), "a security_event naming the admin");
    }

    private async Task<(IDistributedLock Silo, IDistributedLockHandle Held)> SiloHoldsAsync(string resource)
    {
        var silo = _hosts.SiloServices.GetRequiredService<IDistributedLock>();
        var held = await silo.AcquireAsync(resource, Wait, CancellationToken.None);
        Assert.NotNull(held);
        return (silo, held);
    }
}
