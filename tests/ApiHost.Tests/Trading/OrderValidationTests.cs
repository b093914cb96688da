using System.Net;
using System.Text;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Trading;

/// <summary>Every class of bad input to POST /orders gets the right 4xx problem and changes nothing.</summary>
public sealed class OrderValidationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Valid = """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1250","quantity":"1.000"}""";

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"side":"buy","type":"limit","price":"0.1","quantity":"1"}""", "symbol" },
        { """{"symbol":42,"side":"buy","type":"limit","price":"0.1","quantity":"1"}""", "symbol" },
        { """{"symbol":"ENERGY-USD","type":"limit","price":"0.1","quantity":"1"}""", "side" },
        { """{"symbol":"ENERGY-USD","side":"BUY","type":"limit","price":"0.1","quantity":"1"}""", "side" },
        { """{"symbol":"ENERGY-USD","side":true,"type":"limit","price":"0.1","quantity":"1"}""", "side" },
        { """{"symbol":"ENERGY-USD","side":"buy","price":"0.1","quantity":"1"}""", "type" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"stop","price":"0.1","quantity":"1"}""", "type" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":null,"quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"market","price":"0.1","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.12345","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":0.12345,"quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.0099","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"10.0001","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"-0.1","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"abc","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"1e-1","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":" 0.1","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":{"v":1},"quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":[0.1],"quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.10000000000000000000000000000001","quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":1e400,"quantity":"1"}""", "price" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1"}""", "quantity" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1.0001"}""", "quantity" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"0"}""", "quantity" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":-5}""", "quantity" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"100000.001"}""", "quantity" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1","time_in_force":"day"}""", "time_in_force" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1","time_in_force":1}""", "time_in_force" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1","client_order_id":""}""", "client_order_id" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1","client_order_id":12}""", "client_order_id" },
        { """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1","client_order_id":"x\u0000y"}""", "client_order_id" },
        { """{"symbol":"SOLAR-USD","side":"buy","type":"limit","price":"1.005","quantity":"1"}""", "price" },
        { """{"symbol":"SOLAR-USD","side":"buy","type":"limit","price":"1.00","quantity":"1.5"}""", "quantity" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_a_400_naming_that_field_and_nothing_is_placed(string body, string field)
    {
        var user = "val" + Guid.NewGuid().ToString("N")[..12];
        using var client = api.As(user);

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(body)),
            HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        Assert.False(string.IsNullOrEmpty(messages[0].GetString()));
        await AssertNoOrdersAsync(client);
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once()
    {
        using var client = api.As("val-many");

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"up","type":"limit","price":"x","quantity":"0","time_in_force":"day"}""")),
            HttpStatusCode.BadRequest, "validation_failed");

        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["price", "quantity", "side", "time_in_force"], errors);
    }

    [Fact]
    public async Task A_client_order_id_of_65_characters_is_refused_and_64_accepted()
    {
        using var client = api.As("val-coid");
        var tooLong = new string('a', 65);

        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(
            $$"""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.0101","quantity":"1","client_order_id":"{{tooLong}}"}""")),
            HttpStatusCode.BadRequest, "validation_failed");
        await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(
            $$"""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.0101","quantity":"1","client_order_id":"{{tooLong[..64]}}"}""")),
            HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_unknown_symbol_is_a_400_with_code_unknown_symbol()
    {
        using var client = api.As("val-sym");

        var problem = await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"WIND-USD","side":"buy","type":"limit","price":"0.1","quantity":"1"}""")),
            HttpStatusCode.BadRequest, "unknown_symbol");

        Assert.True(problem.GetProperty("errors").TryGetProperty("symbol", out _));
        await AssertNoOrdersAsync(client);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    [InlineData("{\"symbol\":\"ENERGY-USD\",}")]
    public async Task Malformed_json_is_a_400_invalid_json(string body)
    {
        using var client = api.As("val-json");

        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(body)), HttpStatusCode.BadRequest, "invalid_json");
        await AssertNoOrdersAsync(client);
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_without_a_server_error()
    {
        using var client = api.As("val-deep");
        var deep = new string('[', 5000) + new string(']', 5000);

        var response = await client.PostAsync("/api/v1/orders", ApiFixture.Json("{\"a\":" + deep + "}"));

        await ApiJson.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_json");
    }

    [Fact]
    public async Task An_oversized_body_is_a_413_whether_announced_or_streamed()
    {
        using var client = api.As("val-big");
        var padding = new string(' ', 20_000);

        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json(Valid[..^1] + padding + "}")),
            HttpStatusCode.RequestEntityTooLarge, "body_too_large");

        var streamed = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Valid[..^1] + padding + "}")));
        streamed.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = streamed };
        request.Headers.TransferEncodingChunked = true;
        await ApiJson.AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        await AssertNoOrdersAsync(client);
    }

    [Fact]
    public async Task A_non_json_content_type_is_a_415()
    {
        using var client = api.As("val-type");

        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders", new StringContent(Valid, Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertNoOrdersAsync(client);
    }

    [Theory]
    [InlineData("/api/v1/orders?limit=0")]
    [InlineData("/api/v1/orders?limit=1001")]
    [InlineData("/api/v1/orders?limit=ten")]
    [InlineData("/api/v1/orders?status=closed")]
    [InlineData("/api/v1/trades?limit=-1")]
    public async Task Bad_query_parameters_are_a_400(string path)
    {
        using var client = api.As("val-query");

        await ApiJson.AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Numbers_and_strings_are_both_accepted_exactly()
    {
        using var client = api.As("val-ok");

        var placed = await ApiJson.AssertStatusAsync(await client.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":0.0102,"quantity":2.5,"time_in_force":"gtc"}""")),
            HttpStatusCode.Created);

        var order = placed.GetProperty("order");
        Assert.Equal("0.0102", order.Str("price"));
        Assert.Equal("2.500", order.Str("quantity"));
    }

    private static async Task AssertNoOrdersAsync(HttpClient client)
    {
        var orders = await ApiJson.AssertStatusAsync(await client.GetAsync("/api/v1/orders?status=all"), HttpStatusCode.OK);
        Assert.Equal(0, orders.GetArrayLength());
    }
}
