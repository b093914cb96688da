using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using GridTokenX.ApiHost.Tests.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GridTokenX.ApiHost.Tests.Auth;

public sealed class AuthTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Sign(string key, Action<SecurityTokenDescriptor> shape, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "gridtokenx",
            Audience = "gridtokenx-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "user")]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), algorithm),
        };
        shape(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "garbage", "not.a.jwt" },
        { "wrong key", Sign("another-key-that-is-long-enough-0123456789", _ => { }) },
        { "expired", Sign(ApiFixture.SigningKey, d => { d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddHours(-3); d.Expires = DateTime.UtcNow.AddHours(-2); }) },
        { "no exp", Sign(ApiFixture.SigningKey, d => d.Expires = null) },
        { "wrong issuer", Sign(ApiFixture.SigningKey, d => d.Issuer = "someone-else") },
        { "wrong audience", Sign(ApiFixture.SigningKey, d => d.Audience = "other-api") },
        { "bad sub", Sign(ApiFixture.SigningKey, d => d.Subject = new ClaimsIdentity([new Claim("sub", "../etc/passwd")])) },
        { "bad role", Sign(ApiFixture.SigningKey, d => d.Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "root")])) },
        { "HS512", Sign(ApiFixture.SigningKey + ApiFixture.SigningKey, _ => { }, SecurityAlgorithms.HmacSha512) },
        { "alg none", new JsonWebTokenHandler().CreateToken("""{"sub":"mallory","iss":"gridtokenx","aud":"gridtokenx-api","exp":4102444800}""") },
    };

    [Fact]
    public async Task User_routes_need_a_token()
    {
        using var client = api.Anonymous();

        var response = await client.GetAsync("/api/v1/orders");

        await ApiJson.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/orders", ApiFixture.Json("{}")), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiJson.AssertProblemAsync(await client.DeleteAsync("/api/v1/orders/ENERGY-USD.1"), HttpStatusCode.Unauthorized, "unauthorized");
        await ApiJson.AssertProblemAsync(await client.GetAsync("/api/v1/trades"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_a_401(string why, string token)
    {
        using var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.PostAsync("/api/v1/orders",
            ApiFixture.Json("""{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1"}"""));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        await ApiJson.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_token_signed_with_the_configured_key_works_and_a_missing_role_means_user()
    {
        using var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Sign(ApiFixture.SigningKey, d => d.Subject = new ClaimsIdentity([new Claim("sub", "norole")])));

        await ApiJson.AssertStatusAsync(await client.GetAsync("/api/v1/orders"), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/v1/markets")]
    [InlineData("/api/v1/markets/ENERGY-USD/book")]
    [InlineData("/api/v1/markets/ENERGY-USD/trades")]
    [InlineData("/api/v1/markets/ENERGY-USD/ticker")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Market_data_health_and_docs_are_public(string path)
    {
        using var client = api.Anonymous();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Errors_never_carry_stack_traces_or_the_signing_key()
    {
        using var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "abc.def.ghi");

        var text = await (await client.GetAsync("/api/v1/orders")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(ApiFixture.SigningKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
