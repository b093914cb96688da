namespace GridTokenX.Grains.RateLimiting;

/// <summary>A bucket of <paramref name="Burst"/> tokens refilled continuously at <paramref name="RefillPerSecond"/>.</summary>
public sealed record TokenBucketPolicy(int Burst, double RefillPerSecond)
{
    /// <summary>
    /// The time one token takes to come back, in 100 ns ticks, rounded up: a rate whose interval is not a whole number
    /// of ticks (3 per second) refills at most 100 ns per token slower, never faster, so the bucket never admits more
    /// than its rate. Every rate that divides 10,000,000 per second (the defaults 2 and 10 among them) is exact.
    /// </summary>
    internal long IntervalTicks => (long)Math.Ceiling(TimeSpan.TicksPerSecond / RefillPerSecond);

    private static readonly long MaxDepth = TimeSpan.FromDays(36_525).Ticks;

    internal static TokenBucketPolicy Checked(TokenBucketPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Burst, 1, nameof(Burst));
        // At most one token per tick, and an empty bucket full within a century, so instants stay far inside a long.
        if (!double.IsFinite(policy.RefillPerSecond) || policy.RefillPerSecond <= 0 || policy.RefillPerSecond > TimeSpan.TicksPerSecond ||
            (Int128)policy.Burst * (Int128)Math.Ceiling(TimeSpan.TicksPerSecond / policy.RefillPerSecond) > MaxDepth)
        {
            throw new ArgumentOutOfRangeException(nameof(RefillPerSecond), policy.RefillPerSecond,
                "RefillPerSecond must be at most 10,000,000 and fill an empty bucket of Burst within 100 years.");
        }

        return policy;
    }
}
