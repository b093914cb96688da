namespace GridTokenX.TestSupport;

/// <summary>
/// Limits far above what any functional test sends: API.md's defaults (100 requests a minute per key) are meant for
/// people, and a test suite that shares one loopback IP would spend them in seconds. Rate-limit tests set their own.
/// Windows of one second: an exact sliding window keeps 8 bytes per permit and key, so a high limit over a long window
/// would cost every key megabytes.
/// </summary>
public static class RateLimitSettings
{
    public static readonly IReadOnlyDictionary<string, string?> Generous = new Dictionary<string, string?>
    {
        ["GridTokenX:RateLimits:Policies:api:Limit"] = "10000",
        ["GridTokenX:RateLimits:Policies:api:WindowSeconds"] = "1",
        ["GridTokenX:RateLimits:Policies:order_creation:Limit"] = "10000",
        ["GridTokenX:RateLimits:Policies:order_creation:WindowSeconds"] = "1",
        ["GridTokenX:RateLimits:Policies:trading:Burst"] = "10000",
        ["GridTokenX:RateLimits:Policies:trading:RefillPerSecond"] = "10000",
        ["GridTokenX:RateLimits:Policies:market_data:Burst"] = "10000",
        ["GridTokenX:RateLimits:Policies:market_data:RefillPerSecond"] = "10000",
        ["GridTokenX:RateLimits:Policies:sensitive:Limit"] = "10000",
        ["GridTokenX:RateLimits:Policies:sensitive:WindowSeconds"] = "1",
        ["GridTokenX:RateLimits:Policies:auth:Limit"] = "10000",
        ["GridTokenX:RateLimits:Policies:auth:WindowSeconds"] = "1",
        // A loaded test machine can hold a grain call past the 2 s default, and a sensitive route then fails closed
        // (503): functional tests are not about that. The failure-behaviour tests set their own.
        ["GridTokenX:RateLimits:CallTimeout"] = "00:00:15",
    };

    /// <summary>The same as environment variables, for host processes.</summary>
    public static IReadOnlyDictionary<string, string> GenerousEnvironment { get; } =
        Generous.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
}
