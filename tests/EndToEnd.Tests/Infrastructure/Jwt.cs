using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>Mints and reads HS256 tokens the way API.md describes them, independently of the API host's own issuer.</summary>
public static class Jwt
{
    public const string Issuer = "gridtokenx";
    public const string Audience = "gridtokenx-api";

    public static string Mint(string signingKey, string userId, string role = "user", TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["sub"] = userId,
            ["role"] = role,
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds,
        };
        var unsigned = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    /// <summary>The payload of a compact JWT, without checking anything.</summary>
    public static JsonElement Payload(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) throw new FormatException($"Not a compact JWT: '{token}'.");
        var text = parts[1].Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(text)).RootElement.Clone();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
