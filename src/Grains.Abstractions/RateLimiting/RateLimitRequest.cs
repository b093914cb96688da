namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// One HTTP request's policies on one key, decided together: admitted only if every one admits, and then charged to
/// every one; refused, it changes nothing (a backoff violation excepted, by design).
/// </summary>
/// <param name="AuthCheck">
/// For a request with a valid token: the client IP's <c>auth</c> policy, checked (not charged) first by the key's
/// grain, so the host makes one call, not two.
/// </param>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitRequest")]
public sealed record RateLimitRequest(
    [property: Id(0)] IReadOnlyList<RateLimitPolicy> Policies,
    [property: Id(1)] RateLimitAuthCheck? AuthCheck = null);
