using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// What a key's limiter persists: its overrides and the state of its fixed-window and backoff policies (failed
/// authentications, blocks and violations), which must outlive a silo. Sliding windows and buckets are not here: they
/// change on nearly every request and forget themselves within a window anyway (docs/rate-limits.md).
/// </summary>
[GenerateSerializer]
[Alias("gtx.ratelimiting.stored.RateLimiterState")]
public sealed class RateLimiterState
{
    [Id(0)]
    public Dictionary<string, RateLimitOverride> Overrides { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public Dictionary<string, FixedWindowState> FixedWindows { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public Dictionary<string, BackoffState> Backoffs { get; set; } = new(StringComparer.Ordinal);
}
