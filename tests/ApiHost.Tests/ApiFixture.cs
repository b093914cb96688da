using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Hosting;
using GridTokenX.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests;

/// <summary>
/// The real API host in standalone mode (co-hosted in-memory silo), listening on a free loopback port:
/// requests go over real sockets. Two markets: ENERGY-USD (the defaults) and SOLAR-USD (tick 0.01, lot 1).
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghij";
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private WebApplication? _app;

    public ApiFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The same host with some settings added or overridden.</summary>
    protected ApiFixture(IReadOnlyDictionary<string, string?> extraSettings) => _extraSettings = extraSettings;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        Action<WebApplicationBuilder> settings = builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Auth:SigningKey"] = SigningKey,
            ["GridTokenX:Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GridTokenX:Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["GridTokenX:Markets:0:Symbol"] = "ENERGY-USD",
            ["GridTokenX:Markets:0:TickSize"] = "0.0001",
            ["GridTokenX:Markets:0:LotSize"] = "0.001",
            ["GridTokenX:Markets:0:MinPrice"] = "0.0100",
            ["GridTokenX:Markets:0:MaxPrice"] = "10.0000",
            ["GridTokenX:Markets:0:MinQuantity"] = "0.001",
            ["GridTokenX:Markets:0:MaxQuantity"] = "100000",
            ["GridTokenX:Markets:1:Symbol"] = "SOLAR-USD",
            ["GridTokenX:Markets:1:TickSize"] = "0.01",
            ["GridTokenX:Markets:1:LotSize"] = "1",
            ["GridTokenX:Markets:1:MinPrice"] = "0.01",
            ["GridTokenX:Markets:1:MaxPrice"] = "100",
            ["GridTokenX:Markets:1:MinQuantity"] = "1",
            ["GridTokenX:Markets:1:MaxQuantity"] = "1000",
            // Suites about trading, not money: every user they invent is funded on first need. Money suites set 0.
            ["GridTokenX:Accounts:Faucet:Usd"] = "1000000000",
            ["GridTokenX:Accounts:Faucet:Kwh"] = "1000000000",
        }).AddInMemoryCollection(RateLimitSettings.Generous).AddInMemoryCollection(ReadModelSettings.NewSqlite()).AddInMemoryCollection(_extraSettings);
        _app = ApiApplication.Build([], settings + (builder => ConfigureServices(builder.Services)));
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>
    /// Registrations made before the host adds its own; it keeps them where it registers with TryAdd (the channel
    /// source, for one).
    /// </summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Stops the host the way SIGTERM would (ApplicationStopping fires, then the server drains).</summary>
    public Task StopAsync() => _app!.StopAsync();

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        // Disposing a host does not stop it: stop first, so the silo and the server shut down as they would in production.
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public string Token(string user, string role = Roles.User) =>
        Services.GetRequiredService<TokenIssuer>().Issue(user, role, TimeSpan.FromHours(1));

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient As(string user, string role = Roles.User)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(user, role));
        return client;
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
