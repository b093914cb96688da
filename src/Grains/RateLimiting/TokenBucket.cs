namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// Token bucket as GCRA (the generic cell rate algorithm): <c>Burst</c> tokens, one back every interval
/// (<c>1 / RefillPerSecond</c>), continuously; a request takes one. The state is one instant, the time the bucket
/// would be full again, so there is no refill step, no fractional token count and no rounding drift: the tokens at
/// <c>now</c> are <c>floor((Burst × interval − (fullAt − now)) / interval)</c>, exact to the tick.
/// </summary>
/// <remarks>
/// A request is admitted when taking its token leaves the bucket no more than <c>Burst × interval</c> short of full,
/// that is when at least one whole token is there; a token comes back exactly one interval after it was taken (at
/// that tick, not one later). A refused request changes nothing: refusals neither drain the bucket nor delay its refill.
/// Reset is when the bucket is full again; retry is when the next whole token is.
/// </remarks>
public sealed class TokenBucket(TokenBucketPolicy policy, TimeProvider time) : IRateLimitAlgorithm<TokenBucketState>
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly int _burst = TokenBucketPolicy.Checked(policy).Burst;
    private readonly long _interval = policy.IntervalTicks;

    /// <summary>The bucket's depth in ticks: the time an empty bucket takes to fill.</summary>
    private long Depth => _burst * _interval;

    public long Quota => _burst;

    public TimeSpan Window => TimeSpan.FromTicks(Depth);

    public RateLimitDecision TryAcquire(TokenBucketState state) => TryAcquire(state, _time.GetUtcNow().UtcTicks);

    public RateLimitDecision Inspect(TokenBucketState state) => Inspect(state, _time.GetUtcNow().UtcTicks);

    internal RateLimitDecision TryAcquire(TokenBucketState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        // A full bucket holds no more than Burst: time beyond fullAt is not saved up. A clock that stepped back behind
        // fullAt sees a less full bucket, so it refuses sooner, never later.
        var fullAt = Math.Max(state.FullAt, now);
        var after = fullAt + _interval;
        if (after - now > Depth) return RateLimitDecision.Refuse(after - Depth - now, fullAt - now);
        state.FullAt = after;
        return RateLimitDecision.Admit((Depth - (after - now)) / _interval, after - now);
    }

    internal RateLimitDecision Inspect(TokenBucketState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var fullAt = Math.Max(state.FullAt, now);
        // Zero or less when an override lowered the burst below what is owed: no token until the debt is repaid.
        var tokens = (Depth - (fullAt - now)) / _interval;
        return tokens > 0
            ? RateLimitDecision.Admit(tokens, fullAt - now)
            : RateLimitDecision.Refuse(fullAt + _interval - Depth - now, fullAt - now);
    }

    /// <summary>
    /// Tokens a lease ending at <paramref name="until"/> could take now. The lease's tokens may be used at any instant up
    /// to then, so none of them may depend on refill before <paramref name="until"/>: the bucket is treated as not
    /// refilling until the lease ends (at most one lease length of refill held back).
    /// </summary>
    internal int Leasable(TokenBucketState state, long now, long until)
    {
        ArgumentNullException.ThrowIfNull(state);
        var tokens = (Depth - (Math.Max(state.FullAt, until) - now)) / _interval;
        return (int)Math.Clamp(tokens, 0, int.MaxValue);
    }

    /// <summary>Takes <paramref name="permits"/> tokens (at most <see cref="Leasable"/>) for a lease ending at <paramref name="until"/>.</summary>
    internal void Lease(TokenBucketState state, int permits, long until)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.FullAt = Math.Max(state.FullAt, until) + permits * _interval;
    }

    /// <summary>Gives back a lease's unused tokens: the bucket is full that much sooner.</summary>
    internal void Return(TokenBucketState state, int permits)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.FullAt -= permits * _interval;
    }
}
