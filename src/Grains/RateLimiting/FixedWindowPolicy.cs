namespace GridTokenX.Grains.RateLimiting;

/// <summary>At most <paramref name="Limit"/> admitted requests per window of <paramref name="Window"/>.</summary>
public sealed record FixedWindowPolicy(int Limit, TimeSpan Window)
{
    internal static FixedWindowPolicy Checked(FixedWindowPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.Limit, 1, nameof(Limit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(policy.Window, TimeSpan.Zero, nameof(Window));
        return policy;
    }
}
