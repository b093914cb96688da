using System.Globalization;
using GridTokenX.Grains.CacheWarming;
using GridTokenX.Grains.CacheWarming.Sources;
using GridTokenX.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Grains.Tests.CacheWarming.Sources;

/// <summary>The HTTP source against a real Kestrel server on a free port, through the standard resilience handler.</summary>
public sealed class HttpWarmingSourceTests : IAsyncLifetime
{
    private readonly int _port = FreePort.Next();
    private WebApplication _server = null!;
    private int _pricesCalls;
    private string? _seenApiKey;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _server = builder.Build();
        // The first call fails as a busy upstream would; the resilience handler must retry it.
        _server.MapGet("/prices", (HttpRequest request) =>
        {
            _seenApiKey = request.Headers["X-Api-Key"];
            return Interlocked.Increment(ref _pricesCalls) == 1
                ? Results.StatusCode(503)
                : Results.Text("""[{"symbol":"ENERGY-USD","price":"0.1250"},{"symbol":"SOLAR-USD","price":"2.00"},{"nosymbol":true}]""", "application/json");
        });
        _server.MapGet("/config", () => Results.Text("""{"fee":"0.01"}""", "application/json"));
        _server.MapGet("/broken", () => Results.StatusCode(404));
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpWarmingSource Source()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(HttpWarmingSource.ClientName).AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(10));
        return new HttpWarmingSource(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>());
    }

    private WarmingTask Task(string path, string pattern) =>
        new("external", WarmingStrategy.Scheduled, WarmingPriority.Low, new WarmingSourceSpec(WarmingSourceKind.Http)
        {
            Url = new Uri($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}{path}"),
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "secret-1" },
        }, new KeyPattern(pattern), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_transient_503_is_retried_and_each_array_element_becomes_an_entry_keyed_by_its_fields()
    {
        var entries = await Source().FetchAsync(Task("/prices", "external-price:{symbol}"), null, CancellationToken.None).ToListAsync();

        Assert.Equal(2, _pricesCalls);
        Assert.Equal("secret-1", _seenApiKey);
        Assert.Equal(["external-price:ENERGY-USD", "external-price:SOLAR-USD"], entries.Select(e => e.Key));
        Assert.Equal("""{"symbol":"ENERGY-USD","price":"0.1250"}""", entries[0].Json);
    }

    [Fact]
    public async Task A_pattern_without_placeholders_takes_the_whole_body()
    {
        var entries = await Source().FetchAsync(Task("/config", "external-config"), null, CancellationToken.None).ToListAsync();

        Assert.Equal(new WarmedEntry("external-config", """{"fee":"0.01"}"""), Assert.Single(entries));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_fails_the_fetch()
    {
        await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await Source().FetchAsync(Task("/broken", "x"), null, CancellationToken.None).ToListAsync());
    }
}
