namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// <paramref name="Limit"/> requests per <paramref name="Window"/> (sliding); a violation blocks the key for
/// <paramref name="Window"/>, each further one for the previous block × <paramref name="Factor"/>, at most
/// <paramref name="MaxBlock"/>.
/// </summary>
public sealed record BackoffPolicy(int Limit, TimeSpan Window, double Factor, TimeSpan MaxBlock)
{
    internal static BackoffPolicy Checked(BackoffPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        SlidingWindowPolicy.Checked(new(policy.Limit, policy.Window));
        if (!double.IsFinite(policy.Factor) || policy.Factor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Factor), policy.Factor, "Factor must be at least 1.");
        }

        // A block never shorter than the window is what makes the window empty when a block ends (see ExponentialBackoff).
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.MaxBlock, policy.Window, nameof(MaxBlock));
        return policy;
    }
}
