using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Hosting;
using Microsoft.Playwright;

namespace GridTokenX.Browser.Tests;

/// <summary>
/// A silo and an API host over a real redis-server (<see cref="RedisModeHosts"/>), the API host's Kestrel on a free
/// loopback port, and Debian's Chromium driven by Playwright's bundled driver. Nothing is downloaded: the browser is
/// <c>/usr/bin/chromium</c> (scripts/test.sh installs it with apt-get). Money is real: no faucet, users are funded by
/// admin deposits. Each test trades in a market of its own, so the books never meet.
/// </summary>
public sealed class TradingPageFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>One market per test case (same rules as the default market), so no test's orders cross another's.</summary>
    public static readonly string[] Markets = ["ENERGY-USD", "LOAD-USD", "LADDER-USD", "TAPE-USD", "ENTRY-USD", "CANCEL-USD", "FUNDS-USD", "RESYNC-USD", "GAP-USD", "CANDLE-USD"];

    private IPlaywright? _playwright;
    private RedisModeHosts? _hosts;
    private int _deposits;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _hosts!.BaseAddress;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["GridTokenX:Accounts:Faucet:Usd"] = "0",
            ["GridTokenX:Accounts:Faucet:Kwh"] = "0",
        };
        for (var i = 0; i < Markets.Length; i++)
        {
            var prefix = $"GridTokenX:Markets:{i.ToString(CultureInfo.InvariantCulture)}:";
            settings[prefix + "Symbol"] = Markets[i];
            settings[prefix + "TickSize"] = "0.0001";
            settings[prefix + "LotSize"] = "0.001";
            settings[prefix + "MinPrice"] = "0.0100";
            settings[prefix + "MaxPrice"] = "10.0000";
            settings[prefix + "MinQuantity"] = "0.001";
            settings[prefix + "MaxQuantity"] = "100000";
        }

        _hosts = await RedisModeHosts.StartAsync("browser", settings);
        // The driver is Node.js from the NuGet package; it must never fetch a browser of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        // Auto-waiting expectations, never sleeps; generous, since the whole test suite shares two cores in CI.
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers and CI run as root, where Chromium's sandbox cannot start.
            ChromiumSandbox = false,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_hosts is not null) await _hosts.DisposeAsync();
    }

    public string Token(string user, string role = Roles.User) => _hosts!.Token(user, role);

    public HttpClient As(string user, string role = Roles.User) => _hosts!.As(user, role);

    /// <summary>An admin deposit into <paramref name="user"/>'s account (API.md "Accounts").</summary>
    public async Task DepositAsync(string user, string asset, string amount)
    {
        using var admin = As("admin", Roles.Admin);
        var id = $"browser-{Interlocked.Increment(ref _deposits)}-{Guid.NewGuid():N}"[..40];
        using var response = await admin.PostAsJsonAsync($"/api/v1/admin/accounts/{user}/deposits", new { asset, amount, deposit_id = id });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"deposit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Deposits what is given (null: nothing of that asset).</summary>
    public async Task FundAsync(string user, string? usd = null, string? kwh = null)
    {
        if (usd is not null) await DepositAsync(user, "USD", usd);
        if (kwh is not null) await DepositAsync(user, "KWH", kwh);
    }

    /// <summary>Places an order through the HTTP API and returns the response body (201 expected).</summary>
    public async Task<JsonElement> PlaceAsync(string user, string symbol, string side, string price, string quantity)
    {
        using var client = As(user);
        using var response = await client.PostAsJsonAsync("/api/v1/orders", new { symbol, side, type = "limit", price, quantity });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"place: {(int)response.StatusCode} {body}");
        return body;
    }

    public async Task<JsonElement> GetAsync(string user, string path)
    {
        using var client = As(user);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>
    /// A fresh browser context on the page, signed in as <paramref name="user"/> through the <c>#token=</c> link the
    /// banner prints, showing <paramref name="symbol"/> (picked in the market selector, as a person would).
    /// <paramref name="beforeLoad"/> runs before the page loads (WebSocket routing must be in place by then).
    /// </summary>
    public async Task<TradingPageSession> OpenAsync(string? user, string symbol, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        var session = new TradingPageSession(context, page);
        if (beforeLoad is not null) await beforeLoad(page);
        var url = new Uri(BaseAddress, "/").ToString() + (user is null ? "" : "#token=" + Token(user));
        session.FirstResponse = await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        if (symbol != Markets[0]) await page.Locator("#market-select").SelectOptionAsync(symbol);
        await Assertions.Expect(page.Locator("#book")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });
        return session;
    }
}
