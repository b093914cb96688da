namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// What an algorithm answers. From <see cref="IRateLimitAlgorithm{TState}.TryAcquire"/>: whether this request is
/// admitted and where the key stands after it. From <see cref="IRateLimitAlgorithm{TState}.Inspect"/>: whether a request
/// now would be admitted and where the key stands before it.
/// </summary>
/// <param name="Admitted">The request is (or would be) admitted.</param>
/// <param name="Remaining">Requests the key may still make now (the IETF <c>r</c>).</param>
/// <param name="ResetAfter">Time until the whole quota is available again if nothing more is sent; zero when it already is.</param>
/// <param name="RetryAfter">Time until a request would be admitted; zero when admitted.</param>
public readonly record struct RateLimitDecision(bool Admitted, long Remaining, TimeSpan ResetAfter, TimeSpan RetryAfter)
{
    /// <summary>The IETF <c>t</c>: whole seconds, rounded up, so the quota is back by then.</summary>
    public long ResetSeconds => CeilingSeconds(ResetAfter);

    /// <summary>
    /// <c>Retry-After</c>: whole seconds, at least 1 on a refusal (API.md), rounded up so that a retry at that time is
    /// admitted (rounding down would send the client back a fraction of a second too early, to be refused again).
    /// </summary>
    public long RetryAfterSeconds => Admitted ? 0 : Math.Max(1, CeilingSeconds(RetryAfter));

    internal static RateLimitDecision Admit(long remaining, long resetAfterTicks) =>
        new(true, Math.Max(0, remaining), Span(resetAfterTicks), TimeSpan.Zero);

    internal static RateLimitDecision Refuse(long retryAfterTicks, long resetAfterTicks) =>
        new(false, 0, Span(resetAfterTicks), Span(retryAfterTicks));

    private static TimeSpan Span(long ticks) => TimeSpan.FromTicks(Math.Max(0, ticks));

    private static long CeilingSeconds(TimeSpan span) =>
        span <= TimeSpan.Zero ? 0 : (span.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}
