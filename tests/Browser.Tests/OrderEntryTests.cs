using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace GridTokenX.Browser.Tests;

/// <summary>The user's side of the page: order entry with its reservation, open orders, cancel, balances, refusals.</summary>
[Collection(TradingPageCollection.Name)]
public sealed class OrderEntryTests(TradingPageFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Order_entry_shows_the_reservation_then_places_an_order_that_appears_in_open_orders_the_ladder_and_the_balances()
    {
        await fixture.DepositAsync("entry-user", "USD", "100");
        await using var session = await fixture.OpenAsync("entry-user", "ENTRY-USD");
        var page = session.Page;

        // API.md: a limit buy reserves price × quantity × (1 + fee rate); the hosts run the default rate, 0.01.
        await session.PlaceLimitThroughTheFormAsync("0.5000", "10", "5.05", byKeyboard: true);
        await Expect(page.Locator("#reservation")).ToContainTextAsync("5.05 USD");

        await Expect(page.Locator("#order-message")).ToContainTextAsync("open");
        var rows = page.Locator("#open-orders tbody tr[data-order-id]");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("0.5000");
        await Expect(session.Level("bids", "0.5000")).ToContainTextAsync("10.000");

        var account = await fixture.GetAsync("entry-user", "/api/v1/account");
        var reserved = account.GetProperty("balances").GetProperty("USD").GetProperty("reserved").GetString()!;
        Assert.Equal(5.05m, decimal.Parse(reserved, CultureInfo.InvariantCulture));
        await Expect(page.Locator("#balances tr[data-part=reserved] td[data-asset=USD]")).ToHaveTextAsync(reserved);
        await Expect(page.Locator("#balances tr[data-part=available] td[data-asset=USD]"))
            .ToHaveTextAsync(account.GetProperty("balances").GetProperty("USD").GetProperty("available").GetString()!);

        // The ledger tab lists the reservation.
        await page.Locator("#tab-ledger").ClickAsync();
        await Expect(page.Locator("#ledger tbody tr").Filter(new() { HasText = "reserve" })).ToHaveCountAsync(1);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Cancel_removes_the_order_and_releases_its_reservation()
    {
        await fixture.DepositAsync("cancel-user", "KWH", "50");
        var placed = await fixture.PlaceAsync("cancel-user", "CANCEL-USD", "sell", "0.7000", "20");
        var orderId = placed.GetProperty("order").GetProperty("order_id").GetString()!;
        await using var session = await fixture.OpenAsync("cancel-user", "CANCEL-USD");
        var page = session.Page;
        var row = page.Locator($"#open-orders tr[data-order-id=\"{orderId}\"]");
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator("#balances tr[data-part=reserved] td[data-asset=KWH]")).ToHaveTextAsync("20.000");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Cancel order {orderId}" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0);
        await Expect(page.Locator("#activity-message")).ToContainTextAsync($"Cancelled {orderId}");
        await Expect(session.Level("asks", "0.7000")).ToHaveCountAsync(0);
        var account = await fixture.GetAsync("cancel-user", "/api/v1/account");
        var reserved = account.GetProperty("balances").GetProperty("KWH").GetProperty("reserved").GetString()!;
        Assert.Equal(0m, decimal.Parse(reserved, CultureInfo.InvariantCulture));
        await Expect(page.Locator("#balances tr[data-part=reserved] td[data-asset=KWH]")).ToHaveTextAsync(reserved);
        var order = await fixture.GetAsync("cancel-user", $"/api/v1/orders/{orderId}");
        Assert.Equal("cancelled", order.GetProperty("order").GetProperty("status").GetString());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task An_insufficient_funds_refusal_is_shown_to_the_user_and_nothing_is_placed()
    {
        // 1 USD cannot cover 0.5 × 100 × 1.01: the host refuses with 400 insufficient_funds, and the page says so.
        await fixture.FundAsync("poor-user", usd: "1");
        await using var session = await fixture.OpenAsync("poor-user", "FUNDS-USD");
        await session.PlaceLimitThroughTheFormAsync("0.5000", "100", "50.5");

        var page = session.Page;
        var message = page.Locator("#order-message");
        await Expect(message).ToContainTextAsync("insufficient_funds");
        await Expect(message).ToHaveClassAsync("message error");
        await Expect(page.Locator("#open-orders tbody tr[data-order-id]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#balances tr[data-part=available] td[data-asset=USD]")).ToHaveTextAsync("1");
        var open = await fixture.GetAsync("poor-user", "/api/v1/orders?status=open");
        Assert.Equal(0, open.GetArrayLength());
    }

    [Fact]
    public async Task Screenshot_of_the_trading_screen_is_kept_as_a_test_artifact()
    {
        await fixture.FundAsync("shot-maker", usd: "1000", kwh: "1000");
        await fixture.FundAsync("alice", usd: "1000", kwh: "100");
        string[] asks = ["0.1250", "0.1260", "0.1275", "0.1290", "0.1310"];
        string[] bids = ["0.1200", "0.1190", "0.1180", "0.1150"];
        for (var i = 0; i < asks.Length; i++) await fixture.PlaceAsync("shot-maker", "ENERGY-USD", "sell", asks[i], (10 + 7 * i).ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < bids.Length; i++) await fixture.PlaceAsync("shot-maker", "ENERGY-USD", "buy", bids[i], (8 + 5 * i).ToString(CultureInfo.InvariantCulture));
        await fixture.PlaceAsync("alice", "ENERGY-USD", "buy", "0.1260", "12");
        await fixture.PlaceAsync("alice", "ENERGY-USD", "sell", "0.1400", "6");
        await fixture.PlaceAsync("alice", "ENERGY-USD", "sell", "0.1200", "3");

        await using var session = await fixture.OpenAsync("alice", "ENERGY-USD");
        var page = session.Page;
        await page.Locator("#price").FillAsync("0.1210");
        await page.Locator("#quantity").FillAsync("25");
        // alice's buy takes 10 at 0.1250 and 2 at 0.1260; her 0.1200 sell takes 3 of the best bid.
        await Expect(page.Locator("#trades tbody tr[data-trade-id]")).ToHaveCountAsync(3);
        await Expect(page.Locator("#open-orders tbody tr[data-order-id]")).ToHaveCountAsync(1);
        await Expect(session.Level("asks", "0.1275")).ToBeVisibleAsync();

        var directory = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "trading-screen.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"Screenshot of the trading screen: {path}");
        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is not empty");

        await page.SetViewportSizeAsync(390, 844);
        var phone = Path.Combine(directory, "trading-screen-phone.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = phone, FullPage = true });
        output.WriteLine($"Phone-width screenshot: {phone}");
        // At phone width nothing may be wider than the screen.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at phone width");
        Assert.Empty(session.Errors);
    }
}
