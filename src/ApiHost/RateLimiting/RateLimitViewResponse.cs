using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary><c>GET /api/v1/admin/rate-limits/{policy}/{key}</c> (API.md).</summary>
public sealed record RateLimitViewResponse(
    string Policy,
    string Key,
    string Strategy,
    long Limit,
    long Remaining,
    long ResetSeconds,
    string? BlockedUntil,
    int Violations,
    RateLimitOverrideBody? Override)
{
    public static RateLimitViewResponse From(string policy, string key, RateLimitView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(policy, key, StrategyName(view.Strategy), view.Limit, view.Remaining, view.ResetSeconds,
            view.BlockedUntil is { } until ? Wire.Time(until) : null, view.Violations, RateLimitOverrideBody.From(view.Strategy, view.Override));
    }

    public static string StrategyName(RateLimitStrategy strategy) => strategy switch
    {
        RateLimitStrategy.SlidingWindow => "sliding_window",
        RateLimitStrategy.TokenBucket => "token_bucket",
        RateLimitStrategy.FixedWindow => "fixed_window",
        _ => "exponential_backoff",
    };
}
