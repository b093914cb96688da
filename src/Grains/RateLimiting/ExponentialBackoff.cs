namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// Exponential backoff (API.md, the <c>sensitive</c> policy): up to <c>Limit</c> requests per <c>Window</c>, sliding.
/// The first request over the limit is a violation: it is refused and blocks the key for <c>Window</c>. During a block
/// every request is refused, and neither extends the block nor counts as a violation. The first over-limit request
/// after a block ends is the next violation: if it comes before a whole <c>Window</c> has passed since that block
/// ended, it blocks for the previous block × <c>Factor</c>, at most <c>MaxBlock</c>; at or after that (a clean window),
/// the ladder starts again at <c>Window</c>.
/// </summary>
/// <remarks>
/// A violation is the one refusal that changes the state, by design: it is what starts or escalates a block. Every
/// other refusal changes nothing. Blocks are never shorter than the window, and the admissions that filled the window
/// all came at or before the violation, so the window is empty when a block ends: the key then has its whole limit,
/// and reset and retry during a block are both the block's end.
/// </remarks>
public sealed class ExponentialBackoff(BackoffPolicy policy, TimeProvider time) : IRateLimitAlgorithm<BackoffState>
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));
    private readonly SlidingWindow _window = new(new(BackoffPolicy.Checked(policy).Limit, policy.Window), time);
    private readonly long _windowTicks = policy.Window.Ticks;
    private readonly double _factor = policy.Factor;
    private readonly long _maxBlock = policy.MaxBlock.Ticks;

    public long Quota => _window.Quota;

    public TimeSpan Window => _window.Window;

    public RateLimitDecision TryAcquire(BackoffState state) => TryAcquire(state, _time.GetUtcNow().UtcTicks);

    public RateLimitDecision Inspect(BackoffState state) => Inspect(state, _time.GetUtcNow().UtcTicks);

    /// <summary>The violations on the key's ladder now: 0 once a clean window has passed since its last block ended.</summary>
    public int Violations(BackoffState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return OnLadder(state, _time.GetUtcNow().UtcTicks) ? state.Violations : 0;
    }

    internal RateLimitDecision TryAcquire(BackoffState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (now < state.BlockedUntil) return Blocked(state, now);
        var decision = _window.TryAcquire(state.Window, now);
        if (decision.Admitted) return decision;

        var escalates = OnLadder(state, now);
        var block = escalates ? Escalated(state.LastBlock) : _windowTicks;
        state.BlockedUntil = now + block;
        state.LastBlock = block;
        state.Violations = escalates ? state.Violations + 1 : 1;
        return RateLimitDecision.Refuse(block, block);
    }

    internal RateLimitDecision Inspect(BackoffState state, long now)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Not blocked but full: a request now would be a violation; retry is when the window frees a slot, since a
        // request then is admitted.
        return now < state.BlockedUntil ? Blocked(state, now) : _window.Inspect(state.Window, now);
    }

    private static RateLimitDecision Blocked(BackoffState state, long now) =>
        RateLimitDecision.Refuse(state.BlockedUntil - now, state.BlockedUntil - now);

    /// <summary>A violation now escalates if the key was blocked before and a whole window has not passed since that block ended.</summary>
    private bool OnLadder(BackoffState state, long now) => state.LastBlock > 0 && now < state.BlockedUntil + _windowTicks;

    private long Escalated(long previous)
    {
        var next = previous * _factor;
        // Rounded up, so a factor that does not land on a whole tick never shortens a block.
        return next >= _maxBlock ? _maxBlock : Math.Max(previous, (long)Math.Ceiling(next));
    }
}
