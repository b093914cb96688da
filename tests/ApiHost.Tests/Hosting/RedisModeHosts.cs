using System.Globalization;
using GridTokenX.ApiHost.Auth;
using GridTokenX.Grains.Hosting;
using GridTokenX.Hosting.Alerts;
using GridTokenX.Hosting.Caching;
using GridTokenX.Hosting.Settings;
using GridTokenX.Hosting.Telemetry;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GridTokenX.ApiHost.Tests.Hosting;

/// <summary>
/// A real redis-server, a silo and one or more API hosts that are pure Orleans clients of it, all in this process and
/// talking over loopback sockets (Redis clustering, storage and streams).
/// </summary>
public sealed class RedisModeHosts : IAsyncDisposable
{
    private const string Key = "redis-mode-signing-key-0123456789abcdef";
    private readonly List<Microsoft.AspNetCore.Builder.WebApplication> _apis = [];
    private IHost _silo = null!;
    private bool _siloStopped;

    private RedisModeHosts(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    /// <summary>The first API host's address.</summary>
    public Uri BaseAddress => BaseAddresses[0];

    public List<Uri> BaseAddresses { get; } = [];

    /// <summary>The silo's services (its money store and lock, for checks behind the API's back).</summary>
    public IServiceProvider SiloServices => _silo.Services;

    public IServiceProvider ApiServices => _apis[0].Services;

    /// <summary>Every API host's services, in the order of <see cref="BaseAddresses"/>.</summary>
    public IEnumerable<IServiceProvider> AllApiServices => _apis.Select(api => api.Services);

    public static async Task<RedisModeHosts> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null, int apiHosts = 1)
    {
        var hosts = new RedisModeHosts(await RedisServer.StartAsync());
        var common = new Dictionary<string, string?>(RateLimitSettings.Generous)
        {
            // Suites about trading, not money: every user they invent is funded on first need. Money suites set 0.
            ["GridTokenX:Accounts:Faucet:Usd"] = "1000000000",
            ["GridTokenX:Accounts:Faucet:Kwh"] = "1000000000",
            // One file for the silo and every API host: they run on one machine, as SQLite requires.
            [ReadModelSettings.SqlitePathKey] = ReadModelSettings.NewSqlitePath(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) common[key] = value;
        common = new Dictionary<string, string?>(common)
        {
            ["GridTokenX:Redis:ConnectionString"] = hosts.Redis.ConnectionString,
            ["GridTokenX:ClusterId"] = name + "-" + Guid.NewGuid().ToString("N")[..8],
            ["GridTokenX:Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GridTokenX:Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Configuration.AddInMemoryCollection(common);
        // Composed as src/Silo/Program.cs composes a silo, without its HTTP port.
        var host = HostSettings.Read(siloBuilder.Configuration);
        siloBuilder.AddGridTokenXTelemetry("gridtokenx-silo");
        siloBuilder.Services.AddGridTokenXAlerts(siloBuilder.Configuration, "silo");
        siloBuilder.Services.AddGridTokenXCache(siloBuilder.Configuration, host.RedisConnectionString);
        siloBuilder.UseOrleans(silo =>
        {
            silo.AddGridTokenX(siloBuilder.Configuration, new SiloSettings(host.Cluster.ClusterId, host.Cluster.ServiceId,
                host.RedisConnectionString, host.Silo.SiloPort, host.Silo.GatewayPort, host.AdvertisedAddress, host.Streams.PullPeriod)
            {
                LockEndpoints = host.Redis.LockEndpoints,
            });
            if (TelemetrySetup.TracingEnabled(siloBuilder.Configuration)) silo.AddActivityPropagation();
        });
        hosts._silo = siloBuilder.Build();
        await hosts._silo.StartAsync();

        for (var i = 0; i < apiHosts; i++)
        {
            var port = FreePort.Next();
            var api = ApiHost.Hosting.ApiApplication.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(common)
            {
                ["urls"] = $"http://127.0.0.1:{port}",
                ["Auth:SigningKey"] = Key,
            }));
            hosts._apis.Add(api);
            await api.StartAsync();
            hosts.BaseAddresses.Add(new Uri($"http://127.0.0.1:{port}"));
        }

        return hosts;
    }

    public string Token(string user, string role = Roles.User) =>
        _apis[0].Services.GetRequiredService<TokenIssuer>().Issue(user, role, TimeSpan.FromMinutes(10));

    /// <summary>A client of API host <paramref name="host"/> with a token for <paramref name="user"/>.</summary>
    public HttpClient As(string user, string role = Roles.User, int host = 0)
    {
        var client = new HttpClient { BaseAddress = BaseAddresses[host] };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(user, role));
        return client;
    }

    /// <summary>Stops the silo (the API hosts stay, clients of a cluster that is gone).</summary>
    public async Task StopSiloAsync()
    {
        if (_siloStopped) return;
        _siloStopped = true;
        await _silo.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped before disposed: disposing a host does not stop it, and an Orleans client disposed without closing
        // stays subscribed to streams, so the silo keeps delivering to it; a delivery racing the disposal throws on a
        // thread-pool thread inside Orleans and takes the whole test process down.
        foreach (var api in _apis)
        {
            await api.StopAsync();
            await api.DisposeAsync();
        }

        await StopSiloAsync();
        _silo.Dispose();
        await Redis.DisposeAsync();
    }
}
