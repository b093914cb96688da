using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// One key's limits (a user id, a meter id or a client IP), every policy of it in one activation: one call decides all
/// the policies of a request, and the single activation makes the count exact across API hosts.
/// </summary>
[Alias("gtx.ratelimiting.IRateLimiterGrain")]
public interface IRateLimiterGrain : IGrainWithStringKey
{
    /// <summary>Decides the request on all its policies at once (see <see cref="RateLimitRequest"/>).</summary>
    [Alias("Acquire")]
    ValueTask<RateLimitVerdict> Acquire(RateLimitRequest request);

    /// <summary>
    /// <paramref name="count"/> requests of the same shape, each decided on its own, in order, exactly as that many
    /// <see cref="Acquire"/> calls would be: an API host sends the requests of one key that arrived while its previous
    /// call was in flight together, so a hot key costs one call per round trip rather than one per request.
    /// </summary>
    [Alias("AcquireMany")]
    ValueTask<RateLimitVerdict[]> AcquireMany(RateLimitRequest request, int count);

    /// <summary>
    /// <see cref="AcquireMany"/> (nothing when <paramref name="count"/> is 0), and then, when <paramref name="lease"/> is
    /// positive, a lease of up to that many permits of the same shape if the key has ample room for it on every policy
    /// (windows and buckets only; none for a request with an <c>auth</c> check). A hot key's host then admits most of
    /// its requests itself, exactly: the permits are charged before they are used.
    /// </summary>
    [Alias("AcquireLeasing")]
    ValueTask<RateLimitGrant> AcquireLeasing(RateLimitRequest request, int count, int lease);

    /// <summary>Gives back the <paramref name="unused"/> permits of a lease that ended; unknown or repeated ids change nothing.</summary>
    [OneWay]
    [Alias("ReturnLease")]
    Task ReturnLease(long id, int unused);

    /// <summary>Where the key stands on <paramref name="policy"/>, changing nothing (the <c>auth</c> check).</summary>
    /// <remarks>Interleaves: another key's grain calls it while deciding, and a check never needs to wait for a write.</remarks>
    [AlwaysInterleave]
    [Alias("Check")]
    ValueTask<RateLimitStatus> Check(RateLimitPolicy policy);

    [Alias("Inspect")]
    Task<RateLimitView> Inspect(RateLimitPolicy policy);

    /// <summary>Forgets the key's state on the policy (its override stays).</summary>
    [Alias("Reset")]
    Task Reset(string policy);

    /// <summary>Sets (or with null removes) the key's override of the policy; persisted.</summary>
    [Alias("SetOverride")]
    Task SetOverride(string policy, RateLimitOverride? value);
}
