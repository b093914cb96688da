using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Tests.Http;

namespace GridTokenX.ApiHost.Tests.Minting;

/// <summary>Registers meters through the admin route and posts readings with the token it hands out.</summary>
public static class MeterSetup
{
    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Registers <paramref name="meterId"/> to <paramref name="owner"/> and returns a client carrying the meter's token.</summary>
    public static async Task<HttpClient> RegisterAsync(Uri baseAddress, string adminToken, string meterId, string owner)
    {
        using var admin = new HttpClient { BaseAddress = baseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var created = await ApiJson.AssertStatusAsync(await admin.PostAsync("/api/v1/admin/meters",
            ApiFixture.Json($$"""{"meter_id":"{{meterId}}","user_id":"{{owner}}"}""")), HttpStatusCode.Created);
        var meter = new HttpClient { BaseAddress = baseAddress };
        meter.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Str("token"));
        return meter;
    }

    public static Task<HttpClient> RegisterAsync(ApiFixture api, string meterId, string owner) =>
        RegisterAsync(api.BaseAddress, api.Token("meter-admin", Roles.Admin), meterId, owner);

    public static string Body(string meterId, string readingId, string kwh, DateTimeOffset at) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["meter_id"] = meterId,
            ["reading_id"] = readingId,
            ["kwh"] = kwh,
            ["reading_timestamp"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });

    public static async Task<JsonElement> PostReadingAsync(HttpClient meter, string meterId, string readingId, string kwh, DateTimeOffset at,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        await ApiJson.AssertStatusAsync(await meter.PostAsync("/api/v1/meters/readings", ApiFixture.Json(Body(meterId, readingId, kwh, at))), expected);

    public static Task<HttpResponseMessage> MintAsync(HttpClient user, string readingId) =>
        user.PostAsync("/api/v1/tokens/mint", ApiFixture.Json($$"""{"reading_id":"{{readingId}}"}"""));
}
