using System.ComponentModel.DataAnnotations;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>API.md "Rate limits", bound from <c>GridTokenX:RateLimits</c>.</summary>
public sealed class RateLimitsOptions : IValidatableObject
{
    public const string Section = "GridTokenX:RateLimits";

    public const int MaxLimit = 1_000_000;
    public const int MaxWindowSeconds = 86_400;
    public const int MaxBlockSecondsCap = 31_536_000;
    public const double MaxRefillPerSecond = 1_000_000;

    /// <summary>So that the largest bucket still fills within the algorithm's bound (a century).</summary>
    public const double MinRefillPerSecond = 0.001;

    public bool Enabled { get; set; } = true;

    /// <summary>When the limiter grains cannot be reached: admit (true) or answer 503. <c>sensitive</c> and <c>auth</c> always refuse.</summary>
    public bool FailOpen { get; set; } = true;

    /// <summary>
    /// How long one call to a limiter grain may take before its requests are told the limiter is unreachable (then
    /// <see cref="FailOpen"/> decides). Short, so that a cluster in trouble does not hold every request.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = RateLimitBatcher.DefaultCallTimeout;

    public RateLimitPoliciesOptions Policies { get; set; } = new();

    public static RateLimitStrategy StrategyOf(string policy) => policy switch
    {
        RateLimitPolicyNames.Api or RateLimitPolicyNames.OrderCreation => RateLimitStrategy.SlidingWindow,
        RateLimitPolicyNames.Auth => RateLimitStrategy.FixedWindow,
        RateLimitPolicyNames.Trading or RateLimitPolicyNames.MarketData => RateLimitStrategy.TokenBucket,
        RateLimitPolicyNames.Sensitive => RateLimitStrategy.ExponentialBackoff,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown policy."),
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CallTimeout < TimeSpan.FromMilliseconds(50) || CallTimeout > TimeSpan.FromMinutes(1))
            yield return new($"{Section}:CallTimeout must be between 00:00:00.050 and 00:01:00.", [nameof(CallTimeout)]);
        foreach (var (name, policy) in Policies.All())
        {
            var prefix = $"{Section}:Policies:{name}:";
            if (StrategyOf(name) == RateLimitStrategy.TokenBucket)
            {
                if (policy.Burst is < 1 or > MaxLimit)
                    yield return new($"{prefix}Burst must be between 1 and {MaxLimit}.", [nameof(Policies)]);
                if (!double.IsFinite(policy.RefillPerSecond) || policy.RefillPerSecond < MinRefillPerSecond || policy.RefillPerSecond > MaxRefillPerSecond)
                    yield return new($"{prefix}RefillPerSecond must be between {MinRefillPerSecond} and {MaxRefillPerSecond}.", [nameof(Policies)]);
                continue;
            }

            if (policy.Limit is < 1 or > MaxLimit)
                yield return new($"{prefix}Limit must be between 1 and {MaxLimit}.", [nameof(Policies)]);
            if (policy.WindowSeconds is < 1 or > MaxWindowSeconds)
                yield return new($"{prefix}WindowSeconds must be between 1 and {MaxWindowSeconds}.", [nameof(Policies)]);
            if (StrategyOf(name) != RateLimitStrategy.ExponentialBackoff) continue;
            if (!double.IsFinite(policy.Factor) || policy.Factor < 1 || policy.Factor > 1000)
                yield return new($"{prefix}Factor must be between 1 and 1000.", [nameof(Policies)]);
            if (policy.MaxBlockSeconds < policy.WindowSeconds || policy.MaxBlockSeconds > MaxBlockSecondsCap)
                yield return new($"{prefix}MaxBlockSeconds must be at least WindowSeconds and at most {MaxBlockSecondsCap}.", [nameof(Policies)]);
        }
    }
}
