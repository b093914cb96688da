namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>A standalone host with no trusted proxy and a small <c>api</c> limit.</summary>
public sealed class UntrustedProxyFixture() : ApiFixture(new Dictionary<string, string?>
{
    ["GridTokenX:RateLimits:Policies:api:Limit"] = "3",
    ["GridTokenX:RateLimits:Policies:api:WindowSeconds"] = "3600",
});
