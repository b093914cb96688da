namespace GridTokenX.Grains.RateLimiting;

/// <summary>At most <paramref name="Limit"/> admitted requests in any span of <paramref name="Window"/>.</summary>
public sealed record SlidingWindowPolicy(int Limit, TimeSpan Window)
{
    internal static SlidingWindowPolicy Checked(SlidingWindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Limit, 1, nameof(Limit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(policy.Window, TimeSpan.Zero, nameof(Window));
        return policy;
    }
}
