using System.Net;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary>POST /admin/meters and GET /meters.</summary>
public sealed class MeterRegistrationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Registration_returns_a_meter_token_once_then_the_meter_alone_and_refuses_another_owner()
    {
        using var admin = api.As("reg-admin", Roles.Admin);
        var meterId = "M-" + Guid.NewGuid().ToString("N")[..10];
        var body = ApiFixture.Json($$"""{"meter_id":"{{meterId}}","user_id":"reg-owner"}""");

        var created = await ApiJson.AssertStatusAsync(await admin.PostAsync("/api/v1/admin/meters", body), HttpStatusCode.Created);
        var again = await ApiJson.AssertStatusAsync(await admin.PostAsync("/api/v1/admin/meters",
            ApiFixture.Json($$"""{"meter_id":"{{meterId}}","user_id":"reg-owner"}""")), HttpStatusCode.OK);
        await ApiJson.AssertProblemAsync(await admin.PostAsync("/api/v1/admin/meters",
            ApiFixture.Json($$"""{"meter_id":"{{meterId}}","user_id":"reg-thief"}""")), HttpStatusCode.Conflict, "meter_registered");

        Assert.Equal(meterId, created.GetProperty("meter").Str("meter_id"));
        Assert.Equal("reg-owner", created.GetProperty("meter").Str("user_id"));
        var token = new JsonWebToken(created.Str("token"));
        Assert.Equal(meterId, token.Subject);
        Assert.Equal(Roles.Meter, token.GetClaim("role").Value);
        Assert.InRange(token.ValidTo - DateTime.UtcNow, TimeSpan.FromDays(364), TimeSpan.FromDays(366));
        Assert.False(again.TryGetProperty("token", out _));
        Assert.Equal(created.GetProperty("meter").Str("registered_at"), again.GetProperty("meter").Str("registered_at"));

        using var owner = api.As("reg-owner");
        using var thief = api.As("reg-thief");
        var listed = await ApiJson.AssertStatusAsync(await owner.GetAsync("/api/v1/meters"), HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), m => m.Str("meter_id") == meterId);
        Assert.DoesNotContain((await ApiJson.AssertStatusAsync(await thief.GetAsync("/api/v1/meters"), HttpStatusCode.OK)).EnumerateArray(),
            m => m.Str("meter_id") == meterId);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"user_id":"u1"}""", "meter_id" },
        { """{"meter_id":"M1"}""", "user_id" },
        { """{"meter_id":7,"user_id":"u1"}""", "meter_id" },
        { """{"meter_id":"has space","user_id":"u1"}""", "meter_id" },
        { """{"meter_id":"M1","user_id":"@fees"}""", "user_id" },
        { """{"meter_id":"M1","user_id":""}""", "user_id" },
        { "{\"meter_id\":\"" + new string('m', 65) + "\",\"user_id\":\"u1\"}", "meter_id" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_registration_is_a_400_naming_the_field_and_registers_nothing(string body, string field)
    {
        using var admin = api.As("reg-admin", Roles.Admin);

        var problem = await ApiJson.AssertProblemAsync(await admin.PostAsync("/api/v1/admin/meters", ApiFixture.Json(body)),
            HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        using var owner = api.As("u1");
        Assert.Empty((await ApiJson.AssertStatusAsync(await owner.GetAsync("/api/v1/meters"), HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task A_user_cannot_register_a_meter()
    {
        using var user = api.As("reg-self");

        await ApiJson.AssertProblemAsync(await user.PostAsync("/api/v1/admin/meters", ApiFixture.Json("""{"meter_id":"M-self","user_id":"reg-self"}""")),
            HttpStatusCode.Forbidden, "forbidden");

        Assert.Empty((await ApiJson.AssertStatusAsync(await user.GetAsync("/api/v1/meters"), HttpStatusCode.OK)).EnumerateArray());
    }
}
