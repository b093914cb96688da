using System.Net;
using System.Text.Json;

namespace GridTokenX.ApiHost.Tests.Http;

/// <summary>Small helpers to read responses as JSON and to check the problem format.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"Response {(int)response.StatusCode} is not JSON: {text}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and code, and returns it.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await ReadAsync(response);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        return body;
    }

    public static async Task<JsonElement> AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await ReadAsync(response);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
