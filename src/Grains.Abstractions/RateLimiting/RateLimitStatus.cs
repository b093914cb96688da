namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// Where a key stands on one policy, as the IETF headers tell it: <c>q</c> (<paramref name="Quota"/>), <c>w</c>
/// (<paramref name="WindowSeconds"/>), <c>r</c> (<paramref name="Remaining"/>) and <c>t</c>
/// (<paramref name="ResetSeconds"/>); <paramref name="RetryAfterSeconds"/> is 0 when admitted, else at least 1.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitStatus")]
public sealed record RateLimitStatus(
    [property: Id(0)] string Policy,
    [property: Id(1)] bool Admitted,
    [property: Id(2)] long Quota,
    [property: Id(3)] long WindowSeconds,
    [property: Id(4)] long Remaining,
    [property: Id(5)] long ResetSeconds,
    [property: Id(6)] long RetryAfterSeconds);
