using System.Text.Json.Serialization;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>An override on the wire: <c>{limit, window_seconds}</c> or <c>{burst, refill_per_second}</c>, by strategy.</summary>
public sealed record RateLimitOverrideBody(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? WindowSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Burst,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RefillPerSecond)
{
    public static RateLimitOverrideBody? From(RateLimitStrategy strategy, RateLimitOverride? value) => value is null
        ? null
        : strategy == RateLimitStrategy.TokenBucket
            ? new(null, null, value.Burst, value.RefillPerSecond)
            : new(value.Limit, value.Window is { } w ? (long)w.TotalSeconds : null, null, null);
}
