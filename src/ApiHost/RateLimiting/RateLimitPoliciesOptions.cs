using Microsoft.Extensions.Configuration;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>The six policies with API.md's defaults (the founding document's, low: load tests raise them).</summary>
public sealed class RateLimitPoliciesOptions
{
    [ConfigurationKeyName(RateLimitPolicyNames.Api)]
    public RateLimitPolicyOptions Api { get; set; } = new() { Limit = 100, WindowSeconds = 60 };

    [ConfigurationKeyName(RateLimitPolicyNames.Auth)]
    public RateLimitPolicyOptions Auth { get; set; } = new() { Limit = 5, WindowSeconds = 300 };

    [ConfigurationKeyName(RateLimitPolicyNames.Trading)]
    public RateLimitPolicyOptions Trading { get; set; } = new() { Burst = 50, RefillPerSecond = 2 };

    [ConfigurationKeyName(RateLimitPolicyNames.OrderCreation)]
    public RateLimitPolicyOptions OrderCreation { get; set; } = new() { Limit = 10, WindowSeconds = 60 };

    [ConfigurationKeyName(RateLimitPolicyNames.Sensitive)]
    public RateLimitPolicyOptions Sensitive { get; set; } = new() { Limit = 3, WindowSeconds = 60, Factor = 2, MaxBlockSeconds = 3600 };

    [ConfigurationKeyName(RateLimitPolicyNames.MarketData)]
    public RateLimitPolicyOptions MarketData { get; set; } = new() { Burst = 100, RefillPerSecond = 10 };

    public IEnumerable<(string Name, RateLimitPolicyOptions Options)> All()
    {
        yield return (RateLimitPolicyNames.Api, Api);
        yield return (RateLimitPolicyNames.Auth, Auth);
        yield return (RateLimitPolicyNames.Trading, Trading);
        yield return (RateLimitPolicyNames.OrderCreation, OrderCreation);
        yield return (RateLimitPolicyNames.Sensitive, Sensitive);
        yield return (RateLimitPolicyNames.MarketData, MarketData);
    }
}
