using System.Text.RegularExpressions;
using GridTokenX.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridTokenX.Browser.Tests;

/// <summary>The market side of the page: it loads clean, and follows the book and the trades live.</summary>
[Collection(TradingPageCollection.Name)]
public sealed partial class MarketViewTests(TradingPageFixture fixture)
{
    [Fact]
    public async Task The_page_loads_signed_in_from_the_banner_link_with_no_console_error_and_no_token_left_in_the_url()
    {
        await using var session = await fixture.OpenAsync("viewer", "LOAD-USD");
        var page = session.Page;

        await Expect(page.Locator("#user-name")).ToHaveTextAsync("viewer");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#market-select")).ToHaveValueAsync("LOAD-USD");
        await Expect(page.Locator("#balances tr[data-part=total] td[data-asset=USD]")).ToHaveTextAsync("0");
        Assert.DoesNotContain("token", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(await page.EvaluateAsync<string>("() => sessionStorage.getItem('gridtokenx.token')")));

        var headers = await session.FirstResponse!.AllHeadersAsync();
        Assert.Contains("default-src 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Orders_placed_through_the_api_appear_in_the_ladder_with_the_spread()
    {
        await fixture.FundAsync("ladder-maker", usd: "100", kwh: "100");
        await using var session = await fixture.OpenAsync(null, "LADDER-USD");

        foreach (var (side, price, quantity) in new[] { ("sell", "0.3100", "4"), ("sell", "0.3100", "1.5"), ("buy", "0.2900", "2") })
            await fixture.PlaceAsync("ladder-maker", "LADDER-USD", side, price, quantity);

        await Expect(session.Level("asks", "0.3100")).ToContainTextAsync("5.500");
        await Expect(session.Level("asks", "0.3100")).ToContainTextAsync("2");
        await Expect(session.Level("bids", "0.2900")).ToContainTextAsync("2.000");
        await Expect(session.Page.Locator("#spread")).ToHaveTextAsync("Spread 0.0200");

        // A level is a button, by mouse or keyboard: it fills the order form's price (the form shows for a signed-in
        // user only, so look at the value).
        await session.Level("bids", "0.2900").ClickAsync();
        await Expect(session.Page.Locator("#price")).ToHaveValueAsync("0.2900");
        await session.Level("asks", "0.3100").FocusAsync();
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(session.Page.Locator("#price")).ToHaveValueAsync("0.3100");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_trade_shows_in_the_tape_and_in_the_last_candle()
    {
        await fixture.FundAsync("tape-seller", kwh: "100");
        await fixture.FundAsync("tape-buyer", usd: "100");
        await using var session = await fixture.OpenAsync(null, "TAPE-USD");

        await fixture.PlaceAsync("tape-seller", "TAPE-USD", "sell", "0.4200", "5");
        var placed = await fixture.PlaceAsync("tape-buyer", "TAPE-USD", "buy", "0.4300", "2");
        var tradeId = placed.GetProperty("trades")[0].GetProperty("trade_id").GetString();

        var row = session.Page.Locator($"#trades tr[data-trade-id=\"{tradeId}\"]");
        await Expect(row).ToContainTextAsync("0.4200");
        await Expect(row).ToContainTextAsync("2.000");
        var legend = session.Page.Locator("#candle-legend");
        await Expect(legend).ToHaveAttributeAsync("data-close", "0.42");
        await Expect(legend).ToHaveAttributeAsync("data-volume", "2");
        await Expect(session.Page.Locator("#ticker-last")).ToHaveTextAsync("0.4200");

        // A second trade grows the same 1m candle, or starts the next one when the minute turned in between.
        var second = await fixture.PlaceAsync("tape-buyer", "TAPE-USD", "buy", "0.4200", "1");
        var sameMinute = Minute(placed) == Minute(second);
        await Expect(legend).ToHaveAttributeAsync("data-volume", sameMinute ? "3" : "1");
        await Expect(session.Page.Locator("#trades tbody tr")).ToHaveCountAsync(2);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task With_the_candles_route_the_chart_starts_from_its_candles_and_live_trades_extend_it()
    {
        await fixture.FundAsync("candle-seller", kwh: "10");
        await fixture.FundAsync("candle-buyer", usd: "10");
        // API.md's candles, as the read model will serve them: two earlier minutes, oldest first.
        var minute = DateTimeOffset.UtcNow.AddMinutes(-3);
        minute = new DateTimeOffset(minute.Year, minute.Month, minute.Day, minute.Hour, minute.Minute, 0, TimeSpan.Zero);
        object Candle(DateTimeOffset at, string open, string close) => new
        {
            open_time = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            close_time = at.AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            open,
            high = "0.5900",
            low = "0.5000",
            close,
            volume = "7.000",
            value = "3.8500",
            trades = 2,
        };
        var candles = System.Text.Json.JsonSerializer.Serialize(new[] { Candle(minute, "0.5000", "0.5400"), Candle(minute.AddMinutes(1), "0.5400", "0.5500") });
        var served = 0;
        await using var session = await fixture.OpenAsync(null, "CANDLE-USD", page => page.RouteAsync(CandlesRoute(), async route =>
        {
            Interlocked.Increment(ref served);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = candles });
        }));
        var legend = session.Page.Locator("#candle-legend");
        await Expect(legend).ToHaveAttributeAsync("data-close", "0.55");
        await Expect(legend).ToHaveAttributeAsync("data-time", minute.AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(session.Page.Locator("#candle-source")).ToContainTextAsync("from GET");

        await fixture.PlaceAsync("candle-seller", "CANDLE-USD", "sell", "0.5600", "2");
        await fixture.PlaceAsync("candle-buyer", "CANDLE-USD", "buy", "0.5600", "1.5");

        await Expect(legend).ToHaveAttributeAsync("data-close", "0.56");
        await Expect(legend).ToHaveAttributeAsync("data-volume", "1.5");
        Assert.True(served > 0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_dropped_websocket_reconnects_and_the_book_resyncs_from_rest_never_showing_a_stale_book()
    {
        await fixture.DepositAsync("resync-maker", "KWH", "100");
        var gate = new SocketGate();
        await using var session = await fixture.OpenAsync(null, "RESYNC-USD", page =>
            page.RouteWebSocketAsync(WsPath(), gate.Route));
        var page = session.Page;

        await fixture.PlaceAsync("resync-maker", "RESYNC-USD", "sell", "0.5100", "1");
        await Expect(session.Level("asks", "0.5100")).ToBeVisibleAsync();

        // The connection drops and stays down: the page says so and hides the book it can no longer vouch for.
        await gate.DropAsync();
        await Expect(page.Locator("#book")).Not.ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#book-stale")).ToBeVisibleAsync();
        await Expect(page.Locator("#asks .level")).ToHaveCountAsync(0);
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "reconnecting");

        // What happens meanwhile reaches the page only through the REST book after it reconnects: no update of it
        // is ever sent on the new socket.
        await fixture.PlaceAsync("resync-maker", "RESYNC-USD", "sell", "0.5200", "3");
        var rest = await fixture.GetAsync("resync-maker", "/api/v1/markets/RESYNC-USD/book?depth=10");
        gate.Open();

        await Expect(page.Locator("#book")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 30_000 });
        await Expect(session.Level("asks", "0.5200")).ToContainTextAsync("3.000");
        await Expect(session.Level("asks", "0.5100")).ToBeVisibleAsync();
        await Expect(page.Locator("#book-sequence")).ToHaveTextAsync($"#{rest.GetProperty("sequence").GetInt64()}");
        Assert.True(gate.Connections >= 2, $"the page connected {gate.Connections} time(s)");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_book_update_whose_sequence_skips_makes_the_page_fetch_the_rest_book()
    {
        await fixture.FundAsync("gap-maker", kwh: "100");
        var gate = new SocketGate();
        await using var session = await fixture.OpenAsync(null, "GAP-USD", page => page.RouteWebSocketAsync(WsPath(), gate.Route));
        var page = session.Page;
        await fixture.PlaceAsync("gap-maker", "GAP-USD", "sell", "0.6100", "1");
        await Expect(session.Level("asks", "0.6100")).ToBeVisibleAsync();

        // The update of the next order never reaches the page, so the one after it skips a sequence number.
        gate.SwallowBookUpdates(1);
        await fixture.PlaceAsync("gap-maker", "GAP-USD", "sell", "0.6200", "2");
        await Eventually.Until(() => Task.FromResult(gate.Swallowed == 1), TimeSpan.FromSeconds(10), "the book update to be swallowed");
        await Expect(session.Level("asks", "0.6200")).ToHaveCountAsync(0);

        var resync = await page.RunAndWaitForRequestAsync(
            () => fixture.PlaceAsync("gap-maker", "GAP-USD", "sell", "0.6300", "3"),
            request => request.Url.Contains("/api/v1/markets/GAP-USD/book", StringComparison.Ordinal));
        var rest = await fixture.GetAsync("gap-maker", "/api/v1/markets/GAP-USD/book?depth=10");

        Assert.Contains("depth=10", resync.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#book")).ToHaveAttributeAsync("data-state", "live");
        await Expect(session.Level("asks", "0.6200")).ToContainTextAsync("2.000");
        await Expect(session.Level("asks", "0.6300")).ToContainTextAsync("3.000");
        await Expect(page.Locator("#book-sequence")).ToHaveTextAsync($"#{rest.GetProperty("sequence").GetInt64()}");
        Assert.Equal(1, gate.Connections);
        Assert.Empty(session.Errors);
    }

    private static string Minute(System.Text.Json.JsonElement placed) =>
        placed.GetProperty("trades")[0].GetProperty("executed_at").GetString()![..16];

    [GeneratedRegex(@"/candles\?")]
    private static partial Regex CandlesRoute();

    [GeneratedRegex(@"/ws(\?|$)")]
    private static partial Regex WsPath();
}
