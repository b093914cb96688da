using System.Net;
using System.Text.Json;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Markets;

public sealed class MarketDataTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Markets_are_listed_with_their_grid_as_decimal_strings()
    {
        var markets = await ApiJson.ReadAsync(await api.Anonymous().GetAsync("/api/v1/markets"));

        var energy = markets.EnumerateArray().Single(m => m.Str("symbol") == "ENERGY-USD");
        Assert.Equal(("0.0001", "0.001", "0.0100", "10.0000", "0.001", "100000.000"),
            (energy.Str("tick_size"), energy.Str("lot_size"), energy.Str("min_price"), energy.Str("max_price"), energy.Str("min_quantity"), energy.Str("max_quantity")));
    }

    [Fact]
    public async Task The_book_aggregates_levels_best_first_and_its_sequence_grows_with_every_change()
    {
        using var a = api.As("book-a");
        using var client = api.Anonymous();
        var before = await ApiJson.ReadAsync(await client.GetAsync("/api/v1/markets/ENERGY-USD/book"));
        foreach (var (side, price, qty) in new[] { ("buy", "1.0000", "1"), ("buy", "1.0002", "2"), ("buy", "1.0002", "3"), ("sell", "1.0010", "4"), ("sell", "1.0008", "5") })
        {
            await ApiJson.AssertStatusAsync(await a.PostAsync("/api/v1/orders", ApiFixture.Json(
                $$"""{"symbol":"ENERGY-USD","side":"{{side}}","type":"limit","price":"{{price}}","quantity":"{{qty}}"}""")), HttpStatusCode.Created);
        }

        var book = await ApiJson.ReadAsync(await client.GetAsync("/api/v1/markets/ENERGY-USD/book?depth=2"));

        Assert.Equal(before.GetProperty("sequence").GetInt64() + 5, book.GetProperty("sequence").GetInt64());
        var bids = book.GetProperty("bids").EnumerateArray().Select(l => (l.Str("price"), l.Str("quantity"), l.GetProperty("orders").GetInt32())).ToArray();
        var asks = book.GetProperty("asks").EnumerateArray().Select(l => (l.Str("price"), l.Str("quantity"), l.GetProperty("orders").GetInt32())).ToArray();
        Assert.Equal([("1.0002", "5.000", 2), ("1.0000", "1.000", 1)], bids);
        Assert.Equal([("1.0008", "5.000", 1), ("1.0010", "4.000", 1)], asks);
        Assert.Equal(("1.0002", "1.0008", "0.0006"), (book.Str("best_bid"), book.Str("best_ask"), book.Str("spread")));
    }

    [Fact]
    public async Task Trades_come_newest_first_and_the_ticker_reflects_them()
    {
        // SOLAR-USD is this class's quiet market: nothing else here trades in it.
        using var s = api.As("tick-s");
        using var b = api.As("tick-b");
        foreach (var price in new[] { "20.00", "22.00" })
        {
            await ApiJson.AssertStatusAsync(await s.PostAsync("/api/v1/orders", ApiFixture.Json(
                $$"""{"symbol":"SOLAR-USD","side":"sell","type":"limit","price":"{{price}}","quantity":"1"}""")), HttpStatusCode.Created);
            await ApiJson.AssertStatusAsync(await b.PostAsync("/api/v1/orders", ApiFixture.Json(
                $$"""{"symbol":"SOLAR-USD","side":"buy","type":"limit","price":"{{price}}","quantity":"1"}""")), HttpStatusCode.Created);
        }

        var trades = await ApiJson.ReadAsync(await api.Anonymous().GetAsync("/api/v1/markets/SOLAR-USD/trades?limit=1"));
        var ticker = await ApiJson.ReadAsync(await api.Anonymous().GetAsync("/api/v1/markets/SOLAR-USD/ticker"));

        Assert.Equal("22.00", trades.EnumerateArray().Single().Str("price"));
        Assert.Equal("22.00", ticker.Str("last_price"));
        Assert.Equal("10.00", ticker.Str("change_percent_24h"));
        Assert.Equal("2", ticker.Str("volume_24h"));
        Assert.Equal(("22.00", "20.00"), (ticker.Str("high_24h"), ticker.Str("low_24h")));
        Assert.Equal(JsonValueKind.Null, ticker.GetProperty("best_bid").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/markets/WIND-USD/book")]
    [InlineData("/api/v1/markets/energy-usd/trades")]
    [InlineData("/api/v1/markets/NOPE/ticker")]
    public async Task An_unknown_symbol_is_a_404(string path) =>
        await ApiJson.AssertProblemAsync(await api.Anonymous().GetAsync(path), HttpStatusCode.NotFound, "unknown_symbol");

    [Theory]
    [InlineData("/api/v1/markets/ENERGY-USD/book?depth=0")]
    [InlineData("/api/v1/markets/ENERGY-USD/book?depth=501")]
    [InlineData("/api/v1/markets/ENERGY-USD/book?depth=x")]
    [InlineData("/api/v1/markets/ENERGY-USD/trades?limit=1001")]
    public async Task Bad_query_parameters_are_a_400(string path) =>
        await ApiJson.AssertProblemAsync(await api.Anonymous().GetAsync(path), HttpStatusCode.BadRequest, "validation_failed");

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_too()
    {
        await ApiJson.AssertProblemAsync(await api.Anonymous().GetAsync("/api/v1/nothing"), HttpStatusCode.NotFound, "not_found");
        await ApiJson.AssertProblemAsync(await api.Anonymous().PutAsync("/api/v1/markets", ApiFixture.Json("{}")), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task Metrics_count_orders_by_outcome_in_prometheus_text()
    {
        using var m = api.As("metrics-user");
        await ApiJson.AssertStatusAsync(await m.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"SOLAR-USD","side":"buy","type":"limit","price":"0.05","quantity":"1","client_order_id":"m-1"}""")), HttpStatusCode.Created);
        await ApiJson.AssertStatusAsync(await m.PostAsync("/api/v1/orders", ApiFixture.Json(
            """{"symbol":"SOLAR-USD","side":"buy","type":"limit","price":"0.05","quantity":"1","client_order_id":"m-1"}""")), HttpStatusCode.OK);

        var response = await api.Anonymous().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("# TYPE gtx_orders_total counter", text, StringComparison.Ordinal);
        // At least (not exactly) one: every host in this test process records into meters of the same name, which
        // OpenTelemetry aggregates together; a production process runs one host.
        Assert.Matches(@"gtx_orders_total\{otel_scope_name=""GridTokenX.Trading"",outcome=""duplicate"",symbol=""SOLAR-USD""\} [1-9][0-9]*\n", text);
        Assert.Matches(@"gtx_journal_write_duration_seconds_count\{otel_scope_name=""GridTokenX.Trading"",symbol=""SOLAR-USD""\} [1-9]", text);
        Assert.Contains("orleans_catalog_activations{", text, StringComparison.Ordinal);
        Assert.Contains("kestrel_active_connections{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_each_check()
    {
        var live = await ApiJson.AssertStatusAsync(await api.Anonymous().GetAsync("/health/live"), HttpStatusCode.OK);
        var ready = await ApiJson.AssertStatusAsync(await api.Anonymous().GetAsync("/health/ready"), HttpStatusCode.OK);

        Assert.Equal("live", live.Str("status"));
        Assert.Equal("ready", ready.Str("status"));
        Assert.Equal("ok", ready.GetProperty("checks").Str("cluster"));
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route()
    {
        var doc = await ApiJson.ReadAsync(await api.Anonymous().GetAsync("/openapi/v1.json"));

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var expected in new[]
                 {
                     "/api/v1/markets", "/api/v1/markets/{symbol}/book", "/api/v1/markets/{symbol}/trades", "/api/v1/markets/{symbol}/ticker",
                     "/api/v1/orders", "/api/v1/orders/{orderId}", "/api/v1/trades",
                 })
        {
            Assert.Contains(expected, paths);
        }

        // Health and metrics are for orchestrators and scrapers (ASP.NET Core's health checks, the Prometheus exporter), not API clients.
        Assert.DoesNotContain("/health/ready", paths);

        var order = doc.GetProperty("components").GetProperty("schemas").GetProperty("OrderResponse").GetProperty("properties");
        Assert.True(order.TryGetProperty("remaining_quantity", out _), "OpenAPI must use the wire's snake_case names");
        Assert.Equal(JsonValueKind.Object, order.GetProperty("price").ValueKind);
    }
}
