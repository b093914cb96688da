using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>One policy in <c>GET /api/v1/admin/rate-limits</c>: requests allowed, refused, and the most refused keys.</summary>
public sealed record RateLimitStatisticsResponse(string Policy, string Strategy, long Allowed, long Refused, List<RefusedKeyResponse> TopRefusedKeys)
{
    public static RateLimitStatisticsResponse From(string policy, RateLimitCounts? counts) =>
        new(policy, RateLimitViewResponse.StrategyName(RateLimitsOptions.StrategyOf(policy)), counts?.Allowed ?? 0, counts?.Refused ?? 0,
            [.. (counts?.RefusedByKey ?? new Dictionary<string, long>()).OrderByDescending(k => k.Value).ThenBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => new RefusedKeyResponse(k.Key, k.Value))]);
}
