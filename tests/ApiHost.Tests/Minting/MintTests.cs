using System.Net;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;
using GridTokenX.ApiHost.Tests.Realtime;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary>POST /tokens/mint in standalone mode (in-process lock and money store): once per reading, the owner's only.</summary>
public sealed class MintTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset Earlier = DateTimeOffset.UtcNow.AddHours(-1);

    [Fact]
    public async Task The_owner_mints_a_reading_once_and_every_repeat_is_409_with_the_first_mint()
    {
        var (meterId, owner, readingId) = (MeterSetup.NewId("MM"), MeterSetup.NewId("um"), MeterSetup.NewId("r"));
        using var meter = await MeterSetup.RegisterAsync(api, meterId, owner);
        await MeterSetup.PostReadingAsync(meter, meterId, readingId, "7.25", Earlier);
        using var user = api.As(owner);

        var created = await ApiJson.AssertStatusAsync(await MeterSetup.MintAsync(user, readingId), HttpStatusCode.Created);
        var repeat = await ApiJson.AssertProblemAsync(await MeterSetup.MintAsync(user, readingId), HttpStatusCode.Conflict, "already_minted");

        var mint = created.GetProperty("mint");
        Assert.Equal(readingId, mint.Str("reading_id"));
        Assert.Equal(meterId, mint.Str("meter_id"));
        Assert.Equal(owner, mint.Str("user_id"));
        Assert.Equal("7.250", mint.Str("amount"));
        Assert.True(mint.GetProperty("fencing_token").GetInt64() > 0);
        Assert.Equal(mint.ToString(), repeat.GetProperty("mint").ToString());
        var kwh = created.GetProperty("balances").GetProperty("KWH");
        Assert.Equal(7.25m, decimal.Parse(kwh.Str("available"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(7.25m, decimal.Parse(kwh.Str("total"), System.Globalization.CultureInfo.InvariantCulture));
        var last = (await ApiJson.AssertStatusAsync(await user.GetAsync("/api/v1/meters"), HttpStatusCode.OK))[0].GetProperty("last_reading");
        Assert.True(last.GetProperty("minted").GetBoolean());
        // The repeat of the reading itself now shows it minted, too.
        Assert.True((await MeterSetup.PostReadingAsync(meter, meterId, readingId, "7.25", Earlier, HttpStatusCode.OK))
            .GetProperty("reading").GetProperty("minted").GetBoolean());
    }

    [Fact]
    public async Task Nobody_but_the_owner_can_mint_and_an_unknown_reading_is_404()
    {
        var (meterId, owner, readingId) = (MeterSetup.NewId("MO"), MeterSetup.NewId("uo"), MeterSetup.NewId("r"));
        using var meter = await MeterSetup.RegisterAsync(api, meterId, owner);
        await MeterSetup.PostReadingAsync(meter, meterId, readingId, "1", Earlier);
        using var stranger = api.As("mint-stranger");
        using var admin = api.As("mint-admin", Roles.Admin);

        await ApiJson.AssertProblemAsync(await MeterSetup.MintAsync(stranger, readingId), HttpStatusCode.NotFound, "reading_not_found");
        await ApiJson.AssertProblemAsync(await MeterSetup.MintAsync(admin, readingId), HttpStatusCode.NotFound, "reading_not_found");
        using var ownerClient = api.As(owner);
        await ApiJson.AssertProblemAsync(await MeterSetup.MintAsync(ownerClient, "no-such-reading"), HttpStatusCode.NotFound, "reading_not_found");

        // Still the owner's to mint.
        await ApiJson.AssertStatusAsync(await MeterSetup.MintAsync(ownerClient, readingId), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{}", "reading_id")]
    [InlineData("""{"reading_id":7}""", "reading_id")]
    [InlineData("""{"reading_id":"a b"}""", "reading_id")]
    [InlineData("""{"reading_id":""}""", "reading_id")]
    public async Task A_bad_mint_body_is_a_400(string body, string field)
    {
        using var user = api.As("mint-bad");

        var problem = await ApiJson.AssertProblemAsync(await user.PostAsync("/api/v1/tokens/mint", ApiFixture.Json(body)),
            HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_mint_sends_tokens_minted_on_the_owners_channel()
    {
        var (meterId, owner, readingId) = (MeterSetup.NewId("ME"), MeterSetup.NewId("ue"), MeterSetup.NewId("r"));
        using var meter = await MeterSetup.RegisterAsync(api, meterId, owner);
        await MeterSetup.PostReadingAsync(meter, meterId, readingId, "3", Earlier);
        await using var socket = await WsClient.ConnectAsync(new Uri($"ws://127.0.0.1:{api.BaseAddress.Port}/ws"), api.Token(owner));
        await socket.SubscribeAsync("user:" + owner);

        using var user = api.As(owner);
        await ApiJson.AssertStatusAsync(await MeterSetup.MintAsync(user, readingId), HttpStatusCode.Created);

        var e = await socket.ExpectAsync("event");
        Assert.Equal("tokens_minted", e.Str("type"));
        Assert.Equal("user:" + owner, e.Str("channel"));
        Assert.Equal("tokens_minted:" + readingId, e.Str("id"));
        var data = e.GetProperty("data");
        Assert.Equal(readingId, data.Str("reading_id"));
        Assert.Equal("3.000", data.Str("amount"));
        Assert.Equal(3m, decimal.Parse(data.Str("balance"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
