namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// One rate-limiting strategy with its parameters, deciding over a key's <typeparamref name="TState"/>: small plain data
/// that a grain keeps and persists. The algorithm holds no per-key data, so one instance serves every key of a policy.
/// </summary>
/// <remarks>
/// Time comes from the <see cref="TimeProvider"/> the algorithm was built with, read once per call, as UTC wall-clock
/// ticks: the state outlives a process (a grain moves to another silo, a backoff block is persisted), so a monotonic
/// timestamp, which means nothing in another process, would not do. Wall clocks can step back (NTP, two silos'
/// clocks); each algorithm then errs towards refusing, never towards admitting early. Tests drive it with
/// <c>FakeTimeProvider</c>, as the rest of the project does.
/// Every request costs one permit: nothing in API.md charges a request more.
/// </remarks>
public interface IRateLimitAlgorithm<in TState>
    where TState : class
{
    /// <summary>The IETF <c>q</c>: requests per <see cref="Window"/> (a bucket's burst).</summary>
    long Quota { get; }

    /// <summary>The span the quota refers to (the IETF <c>w</c>): the window, or the time an empty bucket takes to fill.</summary>
    TimeSpan Window { get; }

    /// <summary>Decides one request, updating <paramref name="state"/> only if it is admitted (backoff: or a violation).</summary>
    RateLimitDecision TryAcquire(TState state);

    /// <summary>Where the key stands now, changing nothing (admin inspection, the <c>auth</c> check before counting).</summary>
    RateLimitDecision Inspect(TState state);
}
