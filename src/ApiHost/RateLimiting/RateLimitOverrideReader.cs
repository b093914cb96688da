using System.Text.Json;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// Reads a <c>PUT …/override</c> body with the policy's own parameters: <c>limit</c> and <c>window_seconds</c> for windows
/// and backoff, <c>burst</c> and <c>refill_per_second</c> for buckets; at least one, each within the settings' ranges.
/// Anything else is an error naming the field.
/// </summary>
public static class RateLimitOverrideReader
{
    public static (RateLimitOverride? Value, Dictionary<string, string[]> Errors) Read(JsonElement body, RateLimitStrategy strategy)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var bucket = strategy == RateLimitStrategy.TokenBucket;
        string[] allowed = bucket ? ["burst", "refill_per_second"] : ["limit", "window_seconds"];
        int? limit = null, window = null, burst = null;
        double? refill = null;
        foreach (var property in body.EnumerateObject())
        {
            var v = property.Value;
            switch (property.Name)
            {
                case "limit" when !bucket:
                    limit = Whole(v, property.Name, RateLimitsOptions.MaxLimit, errors);
                    break;
                case "window_seconds" when !bucket:
                    window = Whole(v, property.Name, RateLimitsOptions.MaxWindowSeconds, errors);
                    break;
                case "burst" when bucket:
                    burst = Whole(v, property.Name, RateLimitsOptions.MaxLimit, errors);
                    break;
                case "refill_per_second" when bucket:
                    if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var r) && double.IsFinite(r) && r >= RateLimitsOptions.MinRefillPerSecond && r <= RateLimitsOptions.MaxRefillPerSecond)
                        refill = r;
                    else errors[property.Name] = [$"'refill_per_second' must be a number from {RateLimitsOptions.MinRefillPerSecond} to {RateLimitsOptions.MaxRefillPerSecond}."];
                    break;
                default:
                    errors[property.Name] = [$"Unknown field; this policy's override takes {string.Join(" and ", allowed)}."];
                    break;
            }
        }

        if (errors.Count == 0 && limit is null && window is null && burst is null && refill is null)
            errors[allowed[0]] = [$"Give {string.Join(" or ", allowed)} (or both)."];
        return errors.Count > 0
            ? (null, errors)
            : (new RateLimitOverride(limit, window is { } w ? TimeSpan.FromSeconds(w) : null, burst, refill), errors);
    }

    private static int? Whole(JsonElement value, string field, int max, Dictionary<string, string[]> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 1 && n <= max) return n;
        errors[field] = [$"'{field}' must be a whole number from 1 to {max}."];
        return null;
    }
}
