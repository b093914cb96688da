namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// Fixed window: a window opens with the first request admitted after the previous one ended and covers
/// <c>[start, start + Window)</c>; it admits <c>Limit</c> requests and refuses the rest until it ends. A request exactly
/// at <c>start + Window</c> opens the next window.
/// </summary>
/// <remarks>
/// Windows start at each key's first request rather than on a grid shared by all keys (every multiple of the window
/// since the epoch): shared boundaries would refill every key at the same instant, inviting them all back at once,
/// and would give a key that starts just before a boundary a nearly empty first window. Either way a fixed window
/// can admit up to twice its limit across one boundary; the <c>auth</c> policy uses it because it counts failures
/// per period ("5 per 300 s, then refused until the window ends"), not a rate.
/// A refused request is not counted and changes nothing, so it cannot push the window's end out either.
/// </remarks>
public sealed class FixedWindow(FixedWindowPolicy policy, TimeProvider time) : IRateLimitAlgorithm<FixedWindowState>
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly int _limit = FixedWindowPolicy.Checked(policy).Limit;
    private readonly long _window = policy.Window.Ticks;

    public long Quota => _limit;

    public TimeSpan Window => TimeSpan.FromTicks(_window);

    public RateLimitDecision TryAcquire(FixedWindowState state) => TryAcquire(state, _time.GetUtcNow().UtcTicks);

    public RateLimitDecision Inspect(FixedWindowState state) => Inspect(state, _time.GetUtcNow().UtcTicks);

    internal RateLimitDecision TryAcquire(FixedWindowState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!IsOpen(state, now))
        {
            state.Start = now;
            state.Count = 1;
            return RateLimitDecision.Admit(_limit - 1, _window);
        }

        var end = state.Start + _window;
        // An override may have lowered the limit below what this window already admitted: that is refused too.
        if (state.Count >= _limit) return RateLimitDecision.Refuse(end - now, end - now);
        state.Count++;
        return RateLimitDecision.Admit(_limit - state.Count, end - now);
    }

    internal RateLimitDecision Inspect(FixedWindowState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!IsOpen(state, now)) return RateLimitDecision.Admit(_limit, 0);
        var end = state.Start + _window;
        return state.Count < _limit ? RateLimitDecision.Admit(_limit - state.Count, end - now) : RateLimitDecision.Refuse(end - now, end - now);
    }

    /// <summary>
    /// Open until <c>start + Window</c>, exclusive. A clock that stepped back behind the start keeps the window open
    /// (its end is still ahead), so it never ends early.
    /// </summary>
    private bool IsOpen(FixedWindowState state, long now) => state.Count > 0 && now < state.Start + _window;
}
