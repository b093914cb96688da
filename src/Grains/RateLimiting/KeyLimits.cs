using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// Every policy of one key (a user, a meter or a client IP): its states and overrides, and the all-or-nothing decision
/// over the policies of one request. Plain code; the grain that holds it adds single activation and persistence.
/// </summary>
/// <remarks>
/// A request is first inspected on every policy at one instant, and charged only if every one admits it, so a refusal
/// by one policy costs nothing in the others. The one refusal that changes state is a backoff violation (by design:
/// it starts or escalates the block), made only when the backoff policy itself refused the request.
/// </remarks>
public sealed class KeyLimits(TimeProvider time)
{
    /// <summary>How long an API host may spend a lease's permits.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>How long after its end a lease's unused permits are waited for before they are taken as spent.</summary>
    public static readonly TimeSpan LeaseGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>A lease takes at most this share of what a policy has left, so leases stop well before the limit.</summary>
    private const int LeaseShare = 4;

    /// <summary>The most permits one lease carries.</summary>
    public const int MaxLease = 4096;

    private const int MinLease = 2;
    private const int MaxCachedLimiters = 64;
    private readonly Dictionary<long, GrantedLease> _leases = [];
    // Random so that a lease given by an earlier activation of this key can never be mistaken for one of this one's.
    private long _nextLease = Random.Shared.NextInt64();
    private readonly Dictionary<string, object> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RateLimitOverride> _overrides = new(StringComparer.Ordinal);
    // Built from the effective policy (an override makes another one); records compare by value.
    private readonly Dictionary<RateLimitPolicy, PolicyLimiter> _limiters = [];

    public static KeyLimits Restore(RateLimiterState? stored, TimeProvider time)
    {
        var limits = new KeyLimits(time);
        if (stored is null) return limits;
        foreach (var (policy, value) in stored.Overrides) limits._overrides[policy] = value;
        foreach (var (policy, state) in stored.FixedWindows) limits._states[policy] = state;
        foreach (var (policy, state) in stored.Backoffs) limits._states[policy] = state;
        return limits;
    }

    /// <summary>What must outlive the activation (see <see cref="RateLimiterState"/>).</summary>
    public RateLimiterState Durable()
    {
        var stored = new RateLimiterState();
        foreach (var (policy, value) in _overrides) stored.Overrides[policy] = value;
        foreach (var (policy, state) in _states)
        {
            if (state is FixedWindowState fixedWindow) stored.FixedWindows[policy] = fixedWindow;
            else if (state is BackoffState backoff) stored.Backoffs[policy] = backoff;
        }

        return stored;
    }

    /// <summary>Decides a request on all of <paramref name="policies"/>; <c>Durable</c> says whether persisted state changed.</summary>
    public (RateLimitVerdict Verdict, bool Durable) Decide(IReadOnlyList<RateLimitPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var now = time.GetUtcNow().UtcTicks;
        var limiters = new PolicyLimiter[policies.Count];
        var states = new object[policies.Count];
        var decisions = new RateLimitDecision[policies.Count];
        var admitted = true;
        for (var i = 0; i < policies.Count; i++)
        {
            (limiters[i], states[i]) = Resolve(policies[i]);
            decisions[i] = limiters[i].Inspect(states[i], now);
            admitted &= decisions[i].Admitted;
        }

        var durable = false;
        RateLimitIncident? incident = null;
        string? refusedBy = null;
        long latestRetry = -1;
        for (var i = 0; i < policies.Count; i++)
        {
            var limiter = limiters[i];
            var persisted = limiter.Strategy is RateLimitStrategy.FixedWindow or RateLimitStrategy.ExponentialBackoff;
            if (admitted)
            {
                decisions[i] = limiter.TryAcquire(states[i], now);
                durable |= persisted;
                if (limiter.Strategy == RateLimitStrategy.FixedWindow && decisions[i].Remaining == 0)
                    incident ??= new RateLimitIncident(policies[i].Name, RateLimitIncidentKind.Spent, 0, decisions[i].ResetSeconds);
                continue;
            }

            if (decisions[i].Admitted) continue;
            if (limiter.Strategy == RateLimitStrategy.ExponentialBackoff && ((BackoffState)states[i]).BlockedUntil <= now)
            {
                // Over the limit and not blocked: this refusal is a violation, which blocks the key.
                decisions[i] = limiter.TryAcquire(states[i], now);
                durable = true;
                incident = new RateLimitIncident(policies[i].Name, RateLimitIncidentKind.Blocked, ((BackoffState)states[i]).Violations,
                    decisions[i].RetryAfterSeconds);
            }

            if (decisions[i].RetryAfterSeconds > latestRetry)
            {
                latestRetry = decisions[i].RetryAfterSeconds;
                refusedBy = policies[i].Name;
            }
        }

        var statuses = new RateLimitStatus[policies.Count];
        for (var i = 0; i < policies.Count; i++) statuses[i] = limiters[i].Status(policies[i].Name, decisions[i]);
        return (new RateLimitVerdict(admitted, refusedBy, statuses, incident, admitted ? null : Recheck(limiters, decisions, now)), durable);
    }

    /// <summary>
    /// Charges up to <paramref name="wanted"/> permits on every one of <paramref name="policies"/> for an API host to spend
    /// within <see cref="LeaseDuration"/>; null when a policy cannot lease or has too little room (a lease takes at most
    /// a quarter of what is left, so near the limit every request is decided here, one by one).
    /// </summary>
    public RateLimitLease? Lease(IReadOnlyList<RateLimitPolicy> policies, int wanted)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var now = time.GetUtcNow().UtcTicks;
        var until = now + LeaseDuration.Ticks;
        var permits = wanted;
        var parts = new GrantedLease.Part[policies.Count];
        for (var i = 0; i < policies.Count; i++)
        {
            var (limiter, state) = Resolve(policies[i]);
            if (!limiter.CanLease) return null;
            permits = Math.Min(permits, limiter.Leasable(state, now, until) / LeaseShare);
            parts[i] = new GrantedLease.Part(policies[i].Name, state, limiter, 0);
        }

        if (permits < MinLease) return null;
        var statuses = new RateLimitStatus[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            parts[i] = part with { Stamp = part.Limiter.Lease(part.State, permits, until) };
            statuses[i] = part.Limiter.Status(part.Policy, part.Limiter.Inspect(part.State, now));
        }

        ForgetLapsedLeases(now);
        var id = _nextLease++;
        _leases[id] = new GrantedLease(until, permits, parts);
        return new RateLimitLease(id, permits, LeaseDuration, statuses);
    }

    /// <summary>Takes back a lease's unused permits, once; an unknown lease (given up, or another activation's) changes nothing.</summary>
    public void ReturnLease(long id, int unused)
    {
        if (!_leases.Remove(id, out var lease) || unused <= 0) return;
        unused = Math.Min(unused, lease.Permits);
        foreach (var part in lease.Parts)
        {
            // A reset or a change of strategy replaced the state: the permits went with the old one.
            if (_states.TryGetValue(part.Policy, out var state) && ReferenceEquals(state, part.State)) part.Limiter.Return(state, unused, part.Stamp);
        }
    }

    /// <summary>
    /// When a refusal came only from policies that lease while leases were out, the time after which they are all back
    /// or given up: the refusal may be theirs (unspent permits, or a lease counted from its end), so the host asks again.
    /// </summary>
    private TimeSpan? Recheck(PolicyLimiter[] limiters, RateLimitDecision[] decisions, long now)
    {
        var latest = ForgetLapsedLeases(now);
        if (latest == 0) return null;
        for (var i = 0; i < limiters.Length; i++)
        {
            if (!decisions[i].Admitted && !limiters[i].CanLease) return null;
        }

        return TimeSpan.FromTicks(latest + LeaseGrace.Ticks - now);
    }

    /// <summary>Forgets leases whose grace has passed (their permits count as spent); answers the latest end of the rest, 0 if none.</summary>
    private long ForgetLapsedLeases(long now)
    {
        long latest = 0;
        foreach (var (id, lease) in _leases)
        {
            if (lease.ExpiresAt + LeaseGrace.Ticks <= now) _leases.Remove(id);
            else latest = Math.Max(latest, lease.ExpiresAt);
        }

        return latest;
    }

    /// <summary>Where the key stands on <paramref name="policy"/> now, changing nothing.</summary>
    public RateLimitStatus Check(RateLimitPolicy policy)
    {
        var (limiter, state) = Resolve(policy, create: false);
        return limiter.Status(policy.Name, limiter.Inspect(state, time.GetUtcNow().UtcTicks));
    }

    public RateLimitView Inspect(RateLimitPolicy policy)
    {
        var (limiter, state) = Resolve(policy, create: false);
        var now = time.GetUtcNow().UtcTicks;
        var decision = limiter.Inspect(state, now);
        DateTimeOffset? blockedUntil = state is BackoffState { BlockedUntil: var until } && until > now ? new DateTimeOffset(until, TimeSpan.Zero) : null;
        _overrides.TryGetValue(policy.Name, out var change);
        return new RateLimitView(limiter.Strategy, limiter.Quota, decision.Remaining, decision.ResetSeconds, blockedUntil,
            limiter.Violations(state), change);
    }

    /// <summary>Forgets the key's state on the policy; true when it had one.</summary>
    public bool Reset(string policy) => _states.Remove(policy);

    public void SetOverride(string policy, RateLimitOverride? value)
    {
        if (value is null) _overrides.Remove(policy);
        else _overrides[policy] = value;
    }

    private (PolicyLimiter Limiter, object State) Resolve(RateLimitPolicy policy, bool create = true)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _overrides.TryGetValue(policy.Name, out var change);
        var effective = policy.With(change);
        if (!_limiters.TryGetValue(effective, out var limiter))
        {
            if (_limiters.Count >= MaxCachedLimiters) _limiters.Clear();
            _limiters[effective] = limiter = new PolicyLimiter(effective, time);
        }

        if (_states.TryGetValue(policy.Name, out var state) && limiter.Fits(state)) return (limiter, state);
        state = limiter.NewState();
        // An inspection of a key the policy has not seen answers from a fresh state without keeping it.
        if (create) _states[policy.Name] = state;
        return (limiter, state);
    }
}
