using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using GridTokenX.ReadModel.Model;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Paging;

/// <summary>
/// <c>before=</c> paging of the caller's orders and fills and of a market's trades (docs/api.md "Paging and limits"):
/// every walk to an empty page is compared with the history the test made, item for item and in order.
/// </summary>
public sealed class ListPagingTests(PagingFixture api) : IClassFixture<PagingFixture>
{
    [Fact]
    public async Task Walking_all_orders_yields_each_once_newest_first_from_the_markets_and_the_read_model()
    {
        var history = await HistoryAsync();
        using var user = api.As(history.User);
        var expected = history.ExpectedOrders().ToList();

        // At once (the read model still catching up on the markets' orders) and with orders placed between pages:
        // those are newer than any cursor, so the walk still lists exactly what existed when it began.
        var walked = await WalkAsync(user, "/api/v1/orders?status=all", "order_id", 4,
            async () => await PagedHistory.PlaceAsync(user, "SOLAR-USD", "buy", "0.05", "1"));
        Assert.Equal(expected, walked.Select(o => o.Str("order_id")));

        var now = (await Get(user, "/api/v1/orders?status=all&limit=1000")).EnumerateArray().Select(PagedHistory.OrderOf).ToList();
        history.Orders.AddRange(now.Where(o => !expected.Contains(o.Id)));
        await history.WaitUntilProjectedAsync(api);
        // Now every order of the two live markets is in both sources: still each once, as the market has it.
        walked = await WalkAsync(user, "/api/v1/orders?status=all", "order_id", 3);
        Assert.Equal(history.ExpectedOrders(), walked.Select(o => o.Str("order_id")));
        Assert.Equal(history.ExpectedOrders().Select(id => history.Orders.Single(o => o.Id == id).Status), walked.Select(o => o.Str("status")));
    }

    [Fact]
    public async Task Walking_fills_yields_each_once_newest_first_with_the_callers_role()
    {
        var history = await HistoryAsync();
        using var user = api.As(history.User);
        var expected = history.ExpectedFills().ToList();

        var walked = await WalkAsync(user, "/api/v1/trades", "trade_id", 2, async () =>
        {
            using var counterparty = api.As(history.Counterparty);
            await PagedHistory.PlaceAsync(counterparty, "SOLAR-USD", "sell", "10.00", "1");
            await PagedHistory.PlaceAsync(user, "SOLAR-USD", "buy", "10.00", "1");
        });
        Assert.Equal(expected, walked.Select(t => t.Str("trade_id")));
        Assert.All(walked, t => Assert.Equal(t.Str("buyer_id") == history.User ? "buyer" : "seller", t.Str("role")));

        history.Fills.Clear();
        history.Fills.AddRange((await Get(user, "/api/v1/trades?limit=1000")).EnumerateArray().Select(PagedHistory.FillOf));
        Assert.True(history.Fills.Count > expected.Count, "fills were made during the walk");
        history.Orders.AddRange((await Get(user, "/api/v1/orders?status=all&limit=1000")).EnumerateArray().Select(PagedHistory.OrderOf)
            .Where(o => history.Orders.All(h => h.Id != o.Id)));
        await history.WaitUntilProjectedAsync(api);
        walked = await WalkAsync(user, "/api/v1/trades", "trade_id", 3);
        Assert.Equal(history.ExpectedFills(), walked.Select(t => t.Str("trade_id")));
    }

    [Fact]
    public async Task Walking_a_markets_trades_yields_each_once_by_trade_number()
    {
        await PagedHistory.CreateAsync(api);
        using var anonymous = api.Anonymous();
        // The market holds all of ENERGY-USD's trades; one page of 1,000 is the whole list.
        var whole = (await Get(anonymous, "/api/v1/markets/ENERGY-USD/trades?limit=1000")).EnumerateArray().Select(t => t.Str("trade_id")).ToList();
        Assert.True(whole.Count > 4);
        Assert.Equal(whole, (await WalkAsync(anonymous, "/api/v1/markets/ENERGY-USD/trades", "trade_id", 2)).Select(t => t.Str("trade_id")));

        // WIND-USD's trades are only in the read model (its market holds none).
        var wind = api.WindTrades.Select(id => (Id: id, Number: long.Parse(id[(id.LastIndexOf('T') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderByDescending(t => t.Number).Select(t => t.Id).ToList();
        Assert.Equal(wind, (await WalkAsync(anonymous, "/api/v1/markets/WIND-USD/trades", "trade_id", 3)).Select(t => t.Str("trade_id")));
    }

    [Fact]
    public async Task A_symbol_filter_pages_within_its_market()
    {
        var history = await HistoryAsync();
        using var user = api.As(history.User);
        Assert.Equal(history.ExpectedOrders(o => o.Symbol == "SOLAR-USD"),
            (await WalkAsync(user, "/api/v1/orders?status=all&symbol=SOLAR-USD", "order_id", 2)).Select(o => o.Str("order_id")));
        Assert.Equal(history.ExpectedFills(t => t.Symbol == PagingFixture.Wind),
            (await WalkAsync(user, $"/api/v1/trades?symbol={PagingFixture.Wind}", "trade_id", 1)).Select(t => t.Str("trade_id")));

        // The caller's own order, but not of the filtered list.
        var energyOrder = history.Orders.First(o => o.Symbol == "ENERGY-USD").Id;
        await ApiJson.AssertProblemAsync(await user.GetAsync($"/api/v1/orders?status=all&symbol=SOLAR-USD&before={energyOrder}"),
            HttpStatusCode.BadRequest, "unknown_cursor");
    }

    [Fact]
    public async Task Open_orders_page_from_the_markets_and_a_cursor_that_is_no_longer_open_still_cuts()
    {
        var history = await HistoryAsync();
        using var user = api.As(history.User);
        var expected = history.ExpectedOrders(o => o.Status == "open").ToList();
        Assert.True(expected.Count >= 2);

        var walked = await WalkAsync(user, "/api/v1/orders?status=open", "order_id", 1, async () =>
        {
            // The order just listed (the next page's cursor) is cancelled: the next page still follows it.
            var first = (await Get(user, "/api/v1/orders?status=open&limit=1"))[0].Str("order_id");
            await ApiJson.AssertStatusAsync(await user.DeleteAsync($"/api/v1/orders/{first}"), HttpStatusCode.OK);
        });
        Assert.Equal(expected, walked.Select(o => o.Str("order_id")));
    }

    [Fact]
    public async Task Another_users_order_or_trade_as_cursor_is_answered_as_an_unknown_id_and_shows_nothing()
    {
        var history = await HistoryAsync();
        using var user = api.As(history.User);
        using var counterparty = api.As(history.Counterparty);
        var theirLiveOrder = (await Get(counterparty, "/api/v1/orders?status=all&limit=1"))[0].Str("order_id");
        using var stranger = api.As(history.Stranger);
        await PagedHistory.PlaceAsync(stranger, "SOLAR-USD", "sell", "10.00", "1");
        var theirLiveTrade = (await PagedHistory.PlaceAsync(counterparty, "SOLAR-USD", "buy", "10.00", "1")).GetProperty("trades")[0];

        var unknownOrder = await Problem(user, "/api/v1/orders?status=all&before=ENERGY-USD.999999999");
        foreach (var path in new[]
                 {
                     $"/api/v1/orders?status=all&before={history.StrangersArchivedOrder}", $"/api/v1/orders?status=all&before={theirLiveOrder}",
                     $"/api/v1/orders?status=open&before={theirLiveOrder}",
                 })
            Assert.Equal(unknownOrder, await Problem(user, path));

        var unknownTrade = await Problem(user, "/api/v1/trades?before=ENERGY-USD.T999999999");
        Assert.Equal(unknownTrade, await Problem(user, $"/api/v1/trades?before={history.StrangersArchivedTrade}"));
        Assert.Equal(unknownTrade, await Problem(user, $"/api/v1/trades?before={theirLiveTrade.Str("trade_id")}"));
    }

    [Theory]
    [InlineData("/api/v1/orders?before=nonsense")]
    [InlineData("/api/v1/orders?status=all&before=ENERGY-USD.T5")]
    [InlineData("/api/v1/orders?before=ENERGY-USD.0")]
    [InlineData("/api/v1/orders?before=ENERGY-USD.1&before=ENERGY-USD.2")]
    [InlineData("/api/v1/trades?before=ENERGY-USD.5")]
    [InlineData("/api/v1/trades?before=%20")]
    [InlineData("/api/v1/markets/ENERGY-USD/trades?before=T5")]
    [InlineData("/api/v1/markets/ENERGY-USD/trades?before=ENERGY-USD.T-1")]
    public async Task A_malformed_before_is_400_naming_before(string path)
    {
        using var user = api.As("paging-malformed");
        var problem = await ApiJson.AssertProblemAsync(await user.GetAsync(path), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("before", problem.GetProperty("errors").GetProperty("before")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/markets/ENERGY-USD/trades?before=ENERGY-USD.T999999999")]
    [InlineData("/api/v1/markets/SOLAR-USD/trades?before=ENERGY-USD.T1")]
    [InlineData("/api/v1/orders?status=all&before=NOPE-USD.1")]
    public async Task A_well_formed_before_naming_no_item_of_the_list_is_400_unknown_cursor(string path)
    {
        await PagedHistory.CreateAsync(api);
        using var user = api.As("paging-unknown");
        var problem = await ApiJson.AssertProblemAsync(await user.GetAsync(path), HttpStatusCode.BadRequest, "unknown_cursor");
        Assert.True(problem.GetProperty("errors").TryGetProperty("before", out _));
    }

    [Fact]
    public async Task An_order_both_sources_hold_is_listed_once_as_the_market_has_it()
    {
        var history = await PagedHistory.CreateAsync(api);
        await history.WaitUntilProjectedAsync(api);
        using var user = api.As(history.User);
        var open = history.Orders.First(o => o.Status == "open");
        // The read model's copy says otherwise (as a lagging copy would): the market's is the one listed.
        var reader = api.Services.GetRequiredService<IReadModelReader>();
        var stored = (await reader.GetOrderAsync(open.Id, default))!;
        var stale = stored with { Status = OrderStatus.Cancelled, CancelReason = CancelReason.UserRequested, UpdatedAt = stored.UpdatedAt.AddDays(1) };
        Assert.True(await api.Services.GetRequiredService<IReadModelWriter>().WriteAsync(new ReadModelBatch($"stale-{open.Id}", 1) { Orders = [stale] }, default));
        Assert.Equal(OrderStatus.Cancelled, (await reader.GetUserOrdersAsync(history.User, OrderListStatus.All, null, Page.First(1000), default))
            .Single(o => o.OrderId == open.Id).Status);

        var walked = await WalkAsync(user, "/api/v1/orders?status=all", "order_id", 5);
        Assert.Equal(history.ExpectedOrders(), walked.Select(o => o.Str("order_id")));
        Assert.Equal("open", walked.Single(o => o.Str("order_id") == open.Id).Str("status"));
    }

    /// <summary>A new user's history, bigger than the pages the tests walk.</summary>
    private async Task<PagedHistory> HistoryAsync()
    {
        var history = await PagedHistory.CreateAsync(api);
        Assert.True(history.Orders.Count > 12 && history.Fills.Count > 6, "the history spans several pages of every walk");
        return history;
    }

    /// <summary>Follows <c>before</c> from page to page until an empty page; <paramref name="betweenPages"/> runs after the first page.</summary>
    private static async Task<List<JsonElement>> WalkAsync(HttpClient client, string path, string idField, int limit, Func<Task>? betweenPages = null)
    {
        var all = new List<JsonElement>();
        string? before = null;
        for (var pages = 0; pages < 200; pages++)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = $"{path}{separator}limit={limit}" + (before is null ? "" : "&before=" + Uri.EscapeDataString(before));
            var page = (await Get(client, url)).EnumerateArray().ToList();
            if (page.Count == 0) return all;
            Assert.True(page.Count <= limit);
            all.AddRange(page);
            before = page[^1].Str(idField);
            if (pages == 0 && betweenPages is not null) await betweenPages();
        }

        throw new Xunit.Sdk.XunitException($"{path} did not end within 200 pages.");
    }

    private static async Task<JsonElement> Get(HttpClient client, string path) => await ApiJson.AssertStatusAsync(await client.GetAsync(path), HttpStatusCode.OK);

    /// <summary>The problem's status, code, detail and errors: everything but the per-request trace id.</summary>
    private static async Task<string> Problem(HttpClient client, string path)
    {
        var problem = await ApiJson.AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "unknown_cursor");
        return string.Join('|', problem.GetProperty("status"), problem.Str("code"), problem.Str("detail"), problem.GetProperty("errors"));
    }
}
