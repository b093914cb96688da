using System.Text.Json;

namespace GridTokenX.ApiHost.Http;

/// <summary>Reading fields of a JSON request body, each problem recorded under its field (decimals: <see cref="JsonDecimals"/>).</summary>
public static class RequestFields
{
    public static string? RequiredString(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors[name] = [$"{name} is required."];
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"{name} must be a string."];
            return null;
        }

        return value.GetString();
    }
}
