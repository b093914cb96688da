using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Realtime;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ApiHost.Tests.Realtime;
using GridTokenX.Grains.Abstractions.Trading;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary>A meter's token posts that meter's readings and nothing else; nobody else's token posts readings.</summary>
public sealed class MeterRoleTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    public static TheoryData<string, string> OtherRoutes => new()
    {
        { "POST", "/api/v1/orders" },
        { "GET", "/api/v1/orders" },
        { "GET", "/api/v1/account" },
        { "GET", "/api/v1/trades" },
        { "GET", "/api/v1/meters" },
        { "POST", "/api/v1/tokens/mint" },
        { "POST", "/api/v1/admin/meters" },
        { "GET", "/api/v1/admin/alerts" },
        { "GET", "/api/v1/markets" },
    };

    [Theory]
    [MemberData(nameof(OtherRoutes))]
    public async Task A_meter_token_is_403_on_every_other_route(string method, string path)
    {
        using var meter = api.As("role-meter-1", Roles.Meter);

        var response = await meter.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1"}""") : null,
        });

        await ApiJson.AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_meter_token_places_no_order()
    {
        // "alice" as a meter id: the sub must never be taken for the user of the same name.
        using var meter = api.As("alice-meter-clash", Roles.Meter);
        using var user = api.As("alice-meter-clash");

        await ApiJson.AssertProblemAsync(await meter.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1000","quantity":"1"}""")), HttpStatusCode.Forbidden, "forbidden");

        Assert.Empty((await ApiJson.AssertStatusAsync(await user.GetAsync("/api/v1/orders?status=all"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Theory]
    [InlineData(Roles.User)]
    [InlineData(Roles.Admin)]
    public async Task A_user_or_admin_token_cannot_post_readings(string role)
    {
        using var client = api.As("role-person", role);

        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/meters/readings", ApiFixture.Json(
            """{"meter_id":"role-person","reading_id":"r-1","kwh":"1.000","reading_timestamp":"2026-01-01T00:00:00Z"}""")),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Another_meters_token_cannot_post_its_readings()
    {
        using var other = api.As("role-meter-other", Roles.Meter);

        await ApiJson.AssertProblemAsync(await other.PostAsync("/api/v1/meters/readings", ApiFixture.Json(
            """{"meter_id":"role-meter-victim","reading_id":"r-2","kwh":"1.000","reading_timestamp":"2026-01-01T00:00:00Z"}""")),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_WebSocket_refuses_a_meter_token()
    {
        using var socket = WsClient.Create(api.Token("role-meter-ws", Roles.Meter));
        using var cts = new CancellationTokenSource(WsClient.Timeout);

        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://127.0.0.1:{api.BaseAddress.Port}{RealtimeEndpoints.Path}"), cts.Token));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public void A_meter_never_gets_a_private_channel_even_when_its_id_spells_the_user()
    {
        var access = new ChannelAccess(api.Services.GetRequiredService<MarketCatalog>());
        var meter = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice"), new Claim("role", Roles.Meter)], "test"));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice"), new Claim("role", Roles.User)], "test"));

        foreach (var channel in new[] { "user:alice", "orders:alice", "trades:alice" })
        {
            Assert.Equal(ChannelDecision.Forbidden, access.Decide(channel, meter));
            Assert.Equal(ChannelDecision.Allowed, access.Decide(channel, user));
        }
    }
}
