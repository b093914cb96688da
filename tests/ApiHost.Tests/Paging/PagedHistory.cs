using System.Globalization;
using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ApiHost.Tests.Minting;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using GridTokenX.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Paging;

/// <summary>An order or fill as a list orders it: time desc, symbol asc (ordinal), number desc.</summary>
public sealed record ListedItem(string Id, string Symbol, long Number, DateTimeOffset Time, string? Status = null);

/// <summary>
/// One user's history across three markets, bigger than a page: orders and fills made through the API in ENERGY-USD
/// and SOLAR-USD (held by the markets, and by the read model once projected) and older ones in WIND-USD held only by
/// the read model, with another user's items in between.
/// </summary>
public sealed class PagedHistory
{
    private static readonly DateTimeOffset Archived = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public required string User { get; init; }
    public required string Counterparty { get; init; }
    public required string Stranger { get; init; }
    public List<ListedItem> Orders { get; } = [];
    public List<ListedItem> Fills { get; } = [];

    /// <summary>A stranger's order and fill that only the read model holds (never to be listed or used as a cursor).</summary>
    public string StrangersArchivedOrder { get; private set; } = "";
    public string StrangersArchivedTrade { get; private set; } = "";

    public IEnumerable<string> ExpectedOrders(Func<ListedItem, bool>? where = null) => Newest(Orders.Where(where ?? (_ => true)));

    public IEnumerable<string> ExpectedFills(Func<ListedItem, bool>? where = null) => Newest(Fills.Where(where ?? (_ => true)));

    public static IEnumerable<string> Newest(IEnumerable<ListedItem> items) =>
        items.OrderByDescending(i => i.Time).ThenBy(i => i.Symbol, StringComparer.Ordinal).ThenByDescending(i => i.Number).Select(i => i.Id);

    public static async Task<PagedHistory> CreateAsync(PagingFixture api)
    {
        var history = new PagedHistory { User = MeterSetup.NewId("pu"), Counterparty = MeterSetup.NewId("pc"), Stranger = MeterSetup.NewId("px") };
        await history.ArchiveAsync(api);
        using var user = api.As(history.User);
        using var counterparty = api.As(history.Counterparty);
        for (var i = 0; i < 10; i++)
        {
            var energy = i % 2 == 0;
            var (symbol, low, mid, quantity) = energy ? ("ENERGY-USD", "0.0200", "1.0000", "1.000") : ("SOLAR-USD", "0.05", "10.00", "1");
            switch (i % 3)
            {
                case 0:
                    // Rests far below any sell, so later tests' trades never touch it.
                    history.Add(await PlaceAsync(user, symbol, "buy", low, quantity));
                    break;
                case 1:
                    await PlaceAsync(counterparty, symbol, "sell", mid, quantity);
                    history.Add(await PlaceAsync(user, symbol, "buy", mid, quantity));
                    break;
                default:
                    var resting = await PlaceAsync(user, symbol, "sell", mid, quantity);
                    history.Orders.Add(OrderOf(resting.GetProperty("order")) with { Status = "filled" });
                    history.Add(await PlaceAsync(counterparty, symbol, "buy", mid, quantity), ownOrder: false);
                    break;
            }
        }

        // One open order cancelled: listed by status=all, not by status=open.
        var cancelled = history.Orders.Last(o => o.Status == "open");
        await ApiJson.AssertStatusAsync(await user.DeleteAsync($"/api/v1/orders/{cancelled.Id}"), HttpStatusCode.OK);
        history.Orders[history.Orders.IndexOf(cancelled)] = cancelled with { Status = "cancelled" };
        return history;
    }

    /// <summary>Waits until the read model holds every order and fill the markets hold for the user.</summary>
    public async Task WaitUntilProjectedAsync(PagingFixture api)
    {
        var reader = api.Services.GetRequiredService<IReadModelReader>();
        await Eventually.Until(async () =>
                (await reader.GetUserOrdersAsync(User, ReadModel.Model.OrderListStatus.All, null, ReadModel.Model.Page.First(1000), default)).Count == Orders.Count
                && (await reader.GetUserTradesAsync(User, null, ReadModel.Model.Page.First(1000), default)).Count == Fills.Count,
            TimeSpan.FromSeconds(30), "the projector to store the user's orders and fills");
    }

    public static async Task<JsonElement> PlaceAsync(HttpClient client, string symbol, string side, string price, string quantity)
    {
        var body = $$"""{"symbol":"{{symbol}}","side":"{{side}}","type":"limit","price":"{{price}}","quantity":"{{quantity}}"}""";
        return await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(body)), HttpStatusCode.Created);
    }

    public static ListedItem OrderOf(JsonElement order) =>
        new(order.Str("order_id"), order.Str("symbol"), Number(order.Str("order_id")), Time(order.Str("created_at")), order.Str("status"));

    public static ListedItem FillOf(JsonElement trade) =>
        new(trade.Str("trade_id"), trade.Str("symbol"), Number(trade.Str("trade_id")), Time(trade.Str("executed_at")));

    private void Add(JsonElement placed, bool ownOrder = true)
    {
        if (ownOrder) Orders.Add(OrderOf(placed.GetProperty("order")));
        Fills.AddRange(placed.GetProperty("trades").EnumerateArray().Select(FillOf));
    }

    private async Task ArchiveAsync(PagingFixture api)
    {
        var first = api.NextArchiveBase();
        var at = Archived.AddMinutes(first);
        var orders = new List<Order>();
        var trades = new List<Trade>();
        for (var n = first + 1; n <= first + 6; n++)
        {
            // Orders 4 and 5 share a time: the number decides.
            var time = at.AddMinutes(n == first + 5 ? 4 : n - first);
            var owner = n == first + 3 ? Stranger : User;
            orders.Add(new Order(OrderIds.Order(PagingFixture.Wind, n), null, owner, PagingFixture.Wind, OrderSide.Buy, OrderType.Limit, TimeInForce.Gtc,
                1.00m, 1m, 1m, 0m, 1.00m, OrderStatus.Filled, CancelReason.None, time, time));
            if (owner == User) Orders.Add(new ListedItem(OrderIds.Order(PagingFixture.Wind, n), PagingFixture.Wind, n, time, "filled"));
            else StrangersArchivedOrder = OrderIds.Order(PagingFixture.Wind, n);
        }

        for (var n = first + 1; n <= first + 4; n++)
        {
            var time = at.AddMinutes(n - first);
            var buyer = n == first + 2 ? Stranger : User;
            var id = OrderIds.Trade(PagingFixture.Wind, n);
            trades.Add(new Trade(id, PagingFixture.Wind, 1.00m, 1m, OrderIds.Order(PagingFixture.Wind, n), OrderIds.Order(PagingFixture.Wind, first + 99),
                buyer, Counterparty, OrderSide.Sell, time));
            api.WindTrades.Add(id);
            if (buyer == User) Fills.Add(new ListedItem(id, PagingFixture.Wind, n, time));
            else StrangersArchivedTrade = id;
        }

        var writer = api.Services.GetRequiredService<IReadModelWriter>();
        Assert.True(await writer.WriteAsync(new ReadModelBatch($"archive-{first}", 1) { Orders = orders, Trades = trades }, default));
    }

    private static long Number(string id) => long.Parse(id[(id.LastIndexOf('.') + 1)..].TrimStart('T'), CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
