namespace GridTokenX.Grains.CacheWarming;

/// <summary>
/// How a failing run is retried: up to <see cref="MaxAttempts"/> attempts, waiting <see cref="InitialDelay"/> × 
/// <see cref="Factor"/>^(n−1) before retry n, never longer than <see cref="MaxDelay"/>.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, double Factor, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(3, TimeSpan.FromMilliseconds(200), 2, TimeSpan.FromSeconds(5));

    /// <summary>The wait before retry <paramref name="retry"/> (1 = the second attempt).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ticks = InitialDelay.Ticks * Math.Pow(Factor, retry - 1);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
