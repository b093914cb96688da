using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// One policy's algorithm, chosen by its strategy, over untyped per-key state: lets <see cref="KeyLimits"/> hold a key's
/// policies in one dictionary and decide them all at one instant (the algorithms' <c>now</c> overloads).
/// </summary>
internal sealed class PolicyLimiter
{
    private readonly SlidingWindow? _sliding;
    private readonly TokenBucket? _bucket;
    private readonly FixedWindow? _fixed;
    private readonly ExponentialBackoff? _backoff;

    public PolicyLimiter(RateLimitPolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Strategy = policy.Strategy;
        switch (policy.Strategy)
        {
            case RateLimitStrategy.SlidingWindow:
                _sliding = new(new(policy.Limit, policy.Window), time);
                break;
            case RateLimitStrategy.TokenBucket:
                _bucket = new(new(policy.Burst, policy.RefillPerSecond), time);
                break;
            case RateLimitStrategy.FixedWindow:
                _fixed = new(new(policy.Limit, policy.Window), time);
                break;
            case RateLimitStrategy.ExponentialBackoff:
                _backoff = new(new(policy.Limit, policy.Window, policy.Factor, policy.MaxBlock), time);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(policy), policy.Strategy, "Unknown strategy.");
        }
    }

    public RateLimitStrategy Strategy { get; }

    public long Quota => _sliding?.Quota ?? _bucket?.Quota ?? _fixed?.Quota ?? _backoff!.Quota;

    /// <summary>The IETF <c>w</c>: whole seconds, rounded up (a bucket's fill time need not be whole).</summary>
    public long WindowSeconds
    {
        get
        {
            var window = _sliding?.Window ?? _bucket?.Window ?? _fixed?.Window ?? _backoff!.Window;
            return (window.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        }
    }

    /// <summary>Whether <paramref name="state"/> is this strategy's kind (a policy's strategy may change between versions).</summary>
    public bool Fits(object state) => Strategy switch
    {
        RateLimitStrategy.SlidingWindow => state is SlidingWindowState,
        RateLimitStrategy.TokenBucket => state is TokenBucketState,
        RateLimitStrategy.FixedWindow => state is FixedWindowState,
        _ => state is BackoffState,
    };

    public object NewState() => Strategy switch
    {
        RateLimitStrategy.SlidingWindow => new SlidingWindowState(),
        RateLimitStrategy.TokenBucket => new TokenBucketState(),
        RateLimitStrategy.FixedWindow => new FixedWindowState(),
        _ => new BackoffState(),
    };

    public RateLimitDecision Inspect(object state, long now) => Strategy switch
    {
        RateLimitStrategy.SlidingWindow => _sliding!.Inspect((SlidingWindowState)state, now),
        RateLimitStrategy.TokenBucket => _bucket!.Inspect((TokenBucketState)state, now),
        RateLimitStrategy.FixedWindow => _fixed!.Inspect((FixedWindowState)state, now),
        _ => _backoff!.Inspect((BackoffState)state, now),
    };

    public RateLimitDecision TryAcquire(object state, long now) => Strategy switch
    {
        RateLimitStrategy.SlidingWindow => _sliding!.TryAcquire((SlidingWindowState)state, now),
        RateLimitStrategy.TokenBucket => _bucket!.TryAcquire((TokenBucketState)state, now),
        RateLimitStrategy.FixedWindow => _fixed!.TryAcquire((FixedWindowState)state, now),
        _ => _backoff!.TryAcquire((BackoffState)state, now),
    };

    /// <summary>Whether this strategy can lease permits to an API host (windows and buckets; not the counted or blocking ones).</summary>
    public bool CanLease => Strategy is RateLimitStrategy.SlidingWindow or RateLimitStrategy.TokenBucket;

    /// <summary>Permits a lease ending at <paramref name="until"/> could take now (0 for a strategy that does not lease).</summary>
    public int Leasable(object state, long now, long until) => Strategy switch
    {
        RateLimitStrategy.SlidingWindow => _sliding!.Leasable((SlidingWindowState)state, now),
        RateLimitStrategy.TokenBucket => _bucket!.Leasable((TokenBucketState)state, now, until),
        _ => 0,
    };

    /// <summary>Charges a lease; answers what <see cref="Return"/> needs to take its unused permits back.</summary>
    public long Lease(object state, int permits, long until)
    {
        switch (Strategy)
        {
            case RateLimitStrategy.SlidingWindow:
                return _sliding!.Lease((SlidingWindowState)state, permits, until);
            case RateLimitStrategy.TokenBucket:
                _bucket!.Lease((TokenBucketState)state, permits, until);
                return until;
            default:
                throw new InvalidOperationException($"{Strategy} does not lease permits.");
        }
    }

    public void Return(object state, int permits, long stamp)
    {
        if (Strategy == RateLimitStrategy.SlidingWindow) _sliding!.Return((SlidingWindowState)state, permits, stamp);
        else if (Strategy == RateLimitStrategy.TokenBucket) _bucket!.Return((TokenBucketState)state, permits);
    }

    /// <summary>The backoff ladder's violations now (0 for the other strategies).</summary>
    public int Violations(object state) => _backoff is null ? 0 : _backoff.Violations((BackoffState)state);

    public RateLimitStatus Status(string policy, RateLimitDecision decision) =>
        new(policy, decision.Admitted, Quota, WindowSeconds, decision.Remaining, decision.ResetSeconds, decision.RetryAfterSeconds);
}
