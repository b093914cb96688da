namespace GridTokenX.TestSupport;

/// <summary>
/// Limits far above what any functional test sends: API.md's defaults (100 requests a minute per key) are meant for
/// people, and a test suite that shares one loopback IP would spend them in seconds. Rate-limit tests set their own.
/// </summary>
public static class RateLimitSettings
{
    public static readonly IReadOnlyDictionary<string, string?> Generous = new Dictionary<string, string?>
    {
        ["GridTokenX:RateLimits:Policies:api:Limit"] = "100000",
        ["GridTokenX:RateLimits:Policies:order_creation:Limit"] = "100000",
        ["GridTokenX:RateLimits:Policies:trading:Burst"] = "100000",
        ["GridTokenX:RateLimits:Policies:trading:RefillPerSecond"] = "100000",
        ["GridTokenX:RateLimits:Policies:market_data:Burst"] = "100000",
        ["GridTokenX:RateLimits:Policies:market_data:RefillPerSecond"] = "100000",
        ["GridTokenX:RateLimits:Policies:sensitive:Limit"] = "10000",
        ["GridTokenX:RateLimits:Policies:auth:Limit"] = "10000",
    };

    /// <summary>The same as environment variables, for host processes.</summary>
    public static IReadOnlyDictionary<string, string> GenerousEnvironment { get; } =
        Generous.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
}
