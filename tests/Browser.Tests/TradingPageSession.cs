using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace GridTokenX.Browser.Tests;

/// <summary>One browser context showing the page, with every console error and uncaught page error it produced.</summary>
public sealed class TradingPageSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();

    public TradingPageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") _errors.Enqueue($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IResponse? FirstResponse { get; set; }

    /// <summary>Console and page errors, less the one a request the page makes on purpose may log (see below).</summary>
    public IReadOnlyList<string> Errors => [.. _errors.Where(e => !IsCandlesRouteMissing(e))];

    public ILocator Level(string side, string price) => Page.Locator($"#{side} .level[data-price=\"{price}\"]");

    /// <summary>Fills the order form with a limit order, waits until it shows <paramref name="reservation"/> (the USD or
    /// KWH amount it will reserve), and sends it with the button or, <paramref name="byKeyboard"/>, with Enter.</summary>
    public async Task PlaceLimitThroughTheFormAsync(string price, string quantity, string reservation, bool byKeyboard = false)
    {
        await Page.Locator("#price").FillAsync(price);
        await Page.Locator("#quantity").FillAsync(quantity);
        await Assertions.Expect(Page.Locator("#reservation")).ToHaveAttributeAsync("data-amount", reservation);
        if (byKeyboard) await Page.Locator("#quantity").PressAsync("Enter");
        else await Page.Locator("#place-order").ClickAsync();
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    /// <summary>
    /// Until the candles route is served, the page asks for it, gets 404 and builds candles from trades; Chromium logs
    /// every 4xx response as "Failed to load resource", which is expected here and nowhere else.
    /// </summary>
    private static bool IsCandlesRouteMissing(string error) =>
        error.Contains("404", StringComparison.Ordinal) && error.Contains("/candles?", StringComparison.Ordinal);
}
