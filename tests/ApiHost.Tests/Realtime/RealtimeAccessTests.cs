using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GridTokenX.ApiHost.Tests.Realtime;

public sealed class RealtimeAccessTests(RealtimeFixture api) : IClassFixture<RealtimeFixture>
{
    private const string Ok = "subscribed";
    private const string Forbidden = "forbidden";
    private const string Invalid = "invalid_channel";

    /// <summary>caller ("" = anonymous; "root" = the admin), channel, expected outcome.</summary>
    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var caller in new[] { "", "alice", "bob", "root" })
        {
            var owner = caller == "alice" || caller == "root";
            data.Add(caller, "market:ENERGY-USD", Ok);
            data.Add(caller, "market:SOLAR-USD", Ok);
            data.Add(caller, "market:WIND-USD", Invalid);
            data.Add(caller, "market:energy-usd", Invalid);
            data.Add(caller, "orders:alice", owner ? Ok : Forbidden);
            data.Add(caller, "trades:alice", owner ? Ok : Forbidden);
            data.Add(caller, "user:alice", owner ? Ok : Forbidden);
            data.Add(caller, "system:alerts", caller == "root" ? Ok : Forbidden);
            data.Add(caller, "orders:../alice", Invalid);
            data.Add(caller, "orders:", Invalid);
            data.Add(caller, "system:other", Invalid);
            data.Add(caller, "wallet:alice", Invalid);
            data.Add(caller, "", Invalid);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Access_matrix(string caller, string channel, string expected)
    {
        await using var client = await api.ConnectAsync(caller == "" ? null : caller, caller == "root" ? "admin" : "user");

        await client.SendAsync(JsonSerializer.Serialize(new { op = "subscribe", channels = new[] { channel }, req_id = "r1" }));

        var reply = await client.ReceiveAsync();
        Assert.Equal("r1", reply.GetProperty("req_id").GetString());
        if (expected == Ok)
        {
            Assert.Equal("subscribed", reply.GetProperty("op").GetString());
            Assert.Equal([channel], reply.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        }
        else
        {
            Assert.Equal("error", reply.GetProperty("op").GetString());
            Assert.Equal(expected, reply.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(reply.GetProperty("message").GetString()));
        }
    }

    [Fact]
    public async Task A_token_in_the_query_string_authenticates_like_the_header()
    {
        await using var client = await api.ConnectAsync("alice", viaQuery: true);

        Assert.Equal(["orders:alice", "user:alice"], await client.SubscribeAsync("orders:alice", "user:alice"));
    }

    [Fact]
    public async Task A_bad_token_is_refused_with_401_on_the_upgrade()
    {
        var wrongKey = SignedWithAnotherKey();
        foreach (var token in new[] { "not.a.jwt", wrongKey })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(api, token, viaQuery: false));
            Assert.Equal(HttpStatusCode.Unauthorized, await WsClient.RefusedStatusAsync(api, token, viaQuery: true));
        }
    }

    [Fact]
    public async Task A_plain_GET_is_a_400_and_a_bad_token_a_401()
    {
        using var anonymous = api.Anonymous();
        var plain = await anonymous.GetAsync("/ws");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);

        var bad = await anonymous.GetAsync("/ws?access_token=not.a.jwt");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Contains("\"code\":\"unauthorized\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_query_string_token_is_only_for_the_websocket()
    {
        using var anonymous = api.Anonymous();

        var response = await anonymous.GetAsync("/api/v1/orders?access_token=" + api.Token("alice"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_mixed_subscribe_takes_the_allowed_channels_and_names_each_refusal()
    {
        await using var client = await api.ConnectAsync("alice");

        await client.SendAsync("""{"op":"subscribe","channels":["market:ENERGY-USD","orders:bob","nope","orders:alice","system:alerts"],"req_id":"m"}""");

        var subscribed = await client.ExpectAsync("subscribed", "m");
        Assert.Equal(["market:ENERGY-USD", "orders:alice"], subscribed.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        var invalid = await client.ExpectAsync("error", "m");
        Assert.Equal("invalid_channel", invalid.GetProperty("code").GetString());
        Assert.Equal(["nope"], invalid.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        var forbidden = await client.ExpectAsync("error", "m");
        Assert.Equal("forbidden", forbidden.GetProperty("code").GetString());
        Assert.Equal(["orders:bob", "system:alerts"], forbidden.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
    }

    private static string SignedWithAnotherKey() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "gridtokenx",
        Audience = "gridtokenx-api",
        Expires = DateTime.UtcNow.AddHours(1),
        Subject = new ClaimsIdentity([new Claim("sub", "alice"), new Claim("role", "admin")]),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-that-is-long-enough-0123456789")),
            SecurityAlgorithms.HmacSha256),
    });
}
