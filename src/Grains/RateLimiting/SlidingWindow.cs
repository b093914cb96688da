namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// Exact sliding window: a request at <c>now</c> is admitted when fewer than <c>Limit</c> admitted requests lie in
/// <c>(now − Window, now]</c>. An admission at <c>t</c> counts until <c>t + Window</c> and not at that instant, so a
/// request exactly one window after the oldest one is admitted (the same half-open rule as <see cref="FixedWindow"/>).
/// </summary>
/// <remarks>
/// Not the approximate two-bucket form (which weights the previous window's count and can admit more or fewer than the
/// limit): the state keeps the last <c>Limit</c> admission times, so the decision is O(1) (is the <c>Limit</c>-th newest
/// admission out of the window?) and the count is exact. A refused request is not recorded and changes nothing.
/// <para>Reset is when the newest admission leaves the window (the whole limit is back); retry is when the oldest does.</para>
/// </remarks>
public sealed class SlidingWindow(SlidingWindowPolicy policy, TimeProvider time) : IRateLimitAlgorithm<SlidingWindowState>
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly int _limit = SlidingWindowPolicy.Checked(policy).Limit;
    private readonly long _window = policy.Window.Ticks;

    public long Quota => _limit;

    public TimeSpan Window => TimeSpan.FromTicks(_window);

    public RateLimitDecision TryAcquire(SlidingWindowState state) => TryAcquire(state, _time.GetUtcNow().UtcTicks);

    public RateLimitDecision Inspect(SlidingWindowState state) => Inspect(state, _time.GetUtcNow().UtcTicks);

    internal RateLimitDecision TryAcquire(SlidingWindowState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Fit(_limit);
        var oldest = state.Stamps[state.Next];
        var newest = Newest(state);
        if (oldest + _window > now) return RateLimitDecision.Refuse(oldest + _window - now, newest + _window - now);

        // A clock that stepped back must not record an admission before a later one: the ring has to stay in order,
        // and recording the later time only makes this admission count for longer.
        var at = Math.Max(now, newest);
        state.Stamps[state.Next] = at;
        state.Next = (state.Next + 1) % _limit;
        return RateLimitDecision.Admit(_limit - InWindow(state, now), at + _window - now);
    }

    internal RateLimitDecision Inspect(SlidingWindowState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stamps.Length != _limit || (uint)state.Next >= (uint)_limit)
        {
            state = state.Copy();
            state.Fit(_limit);
        }

        var oldest = state.Stamps[state.Next];
        var counted = InWindow(state, now);
        var reset = counted == 0 ? 0 : Newest(state) + _window - now;
        return oldest + _window <= now
            ? RateLimitDecision.Admit(_limit - counted, reset)
            : RateLimitDecision.Refuse(oldest + _window - now, reset);
    }

    /// <summary>Permits a lease could take now: the limit less every admission that counts now or later (earlier leases' too).</summary>
    internal int Leasable(SlidingWindowState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Fit(_limit);
        return _limit - InWindow(state, now);
    }

    /// <summary>
    /// Records <paramref name="permits"/> admissions (at most <see cref="Leasable"/>) at <paramref name="until"/>, the
    /// lease's end: a leased permit is used at some instant up to then, so counting it from the end keeps every window
    /// the permit can fall in covered. Answers the stamp recorded, which <see cref="Return"/> needs.
    /// </summary>
    internal long Lease(SlidingWindowState state, int permits, long until)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Fit(_limit);
        var at = Math.Max(until, Newest(state));
        for (var i = 0; i < permits; i++)
        {
            state.Stamps[state.Next] = at;
            state.Next = (state.Next + 1) % _limit;
        }

        return at;
    }

    /// <summary>
    /// Takes back up to <paramref name="permits"/> admissions recorded at <paramref name="stamp"/> (a lease's unused
    /// permits): the newer admissions move down, and the freed slots become the oldest, empty ones. Any admission at
    /// that stamp will do, since they are indistinguishable; those already overwritten have left the window anyway.
    /// </summary>
    internal void Return(SlidingWindowState state, int permits, long stamp)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Stamps.Length != _limit || (uint)state.Next >= (uint)_limit) return;
        int low = 0, high = _limit;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (state.Stamps[(state.Next + mid) % _limit] > stamp) high = mid;
            else low = mid + 1;
        }

        var end = low;
        var start = end;
        while (start > 0 && end - start < permits && state.Stamps[(state.Next + start - 1) % _limit] == stamp) start--;
        var removed = end - start;
        if (removed == 0) return;
        for (var i = end; i < _limit; i++) state.Stamps[(state.Next + i - removed) % _limit] = state.Stamps[(state.Next + i) % _limit];
        for (var i = _limit - removed; i < _limit; i++) state.Stamps[(state.Next + i) % _limit] = 0;
        state.Next = (state.Next + _limit - removed) % _limit;
    }

    private long Newest(SlidingWindowState state) => state.Stamps[(state.Next + _limit - 1) % _limit];

    /// <summary>Admissions still in the window: the ring is in time order from <see cref="SlidingWindowState.Next"/>, so a binary search finds the first one.</summary>
    private int InWindow(SlidingWindowState state, long now)
    {
        int low = 0, high = _limit;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (state.Stamps[(state.Next + mid) % _limit] + _window > now) high = mid;
            else low = mid + 1;
        }

        return _limit - low;
    }
}
