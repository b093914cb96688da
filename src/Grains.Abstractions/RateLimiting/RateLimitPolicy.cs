namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// One policy as the API host configured it (API.md "Rate limits"). The host sends it with every call, so the settings
/// live in one place (the API host's) and a grain holds only state; a key's override replaces some of these
/// parameters. Fields a strategy does not use are ignored: <paramref name="Limit"/> and <paramref name="Window"/> for
/// windows and backoff, <paramref name="Burst"/> and <paramref name="RefillPerSecond"/> for a bucket,
/// <paramref name="Factor"/> and <paramref name="MaxBlock"/> for backoff.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitPolicy")]
public sealed record RateLimitPolicy(
    [property: Id(0)] string Name,
    [property: Id(1)] RateLimitStrategy Strategy,
    [property: Id(2)] int Limit,
    [property: Id(3)] TimeSpan Window,
    [property: Id(4)] int Burst = 0,
    [property: Id(5)] double RefillPerSecond = 0,
    [property: Id(6)] double Factor = 2,
    [property: Id(7)] TimeSpan MaxBlock = default)
{
    /// <summary>This policy with <paramref name="change"/>'s parameters in place of its own.</summary>
    public RateLimitPolicy With(RateLimitOverride? change) => change is null
        ? this
        : this with
        {
            Limit = change.Limit ?? Limit,
            Window = change.Window ?? Window,
            Burst = change.Burst ?? Burst,
            RefillPerSecond = change.RefillPerSecond ?? RefillPerSecond,
            // An override may widen the window past the configured longest block; a block is never shorter than the window.
            MaxBlock = Strategy == RateLimitStrategy.ExponentialBackoff && change.Window is { } w && w > MaxBlock ? w : MaxBlock,
        };
}
