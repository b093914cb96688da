using System.Net;
using System.Net.Http.Headers;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary><c>issue-token --meter M1 [--ttl 30d]</c> prints a meter's token that posts that meter's readings and nothing else.</summary>
public sealed class IssueMeterTokenTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = ApiFixture.SigningKey,
            // Configured Redis: the key above signs, never a standalone key file.
            ["GridTokenX:Redis:ConnectionString"] = "127.0.0.1:1",
        }).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = IssueTokenCommand.Run(args, configuration, output, error);
        return (code, output.ToString().Trim(), error.ToString());
    }

    [Fact]
    public async Task A_printed_meter_token_posts_its_meters_readings_and_is_refused_elsewhere()
    {
        var meterId = MeterSetup.NewId("MCLI");
        using (var admin = api.As("cli-admin", Roles.Admin))
        {
            await ApiJson.AssertStatusAsync(await admin.PostAsync("/api/v1/admin/meters",
                ApiFixture.Json($$"""{"meter_id":"{{meterId}}","user_id":"cli-owner"}""")), HttpStatusCode.Created);
        }

        var (code, token, _) = Run("--meter", meterId, "--ttl", "30d");

        Assert.Equal(0, code);
        var jwt = new JsonWebToken(token);
        Assert.Equal(meterId, jwt.Subject);
        Assert.Equal(Roles.Meter, jwt.GetClaim("role").Value);
        Assert.InRange(jwt.ValidTo - DateTime.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30.1));
        using var meter = new HttpClient { BaseAddress = api.BaseAddress };
        meter.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await MeterSetup.PostReadingAsync(meter, meterId, MeterSetup.NewId("r"), "1", DateTimeOffset.UtcNow.AddMinutes(-1));
        await ApiJson.AssertProblemAsync(await meter.GetAsync("/api/v1/orders"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public void A_meter_token_lasts_365_days_unless_told_otherwise()
    {
        var (code, token, _) = Run("--meter", "M-default");

        Assert.Equal(0, code);
        Assert.InRange(new JsonWebToken(token).ValidTo - DateTime.UtcNow, TimeSpan.FromDays(364.9), TimeSpan.FromDays(365.1));
    }

    [Theory]
    [InlineData("--meter", "M1", "--user", "alice")]
    [InlineData("--meter", "M1", "--role", "admin")]
    [InlineData("--meter", "bad meter")]
    [InlineData("--user", "alice", "--role", "meter")]
    public void Meter_tokens_come_only_from_a_well_formed_meter_option(params string[] args)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }
}
