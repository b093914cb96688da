namespace GridTokenX.Grains.RateLimiting;

/// <summary>A lease a key has handed out and not yet had back: when it ends, and what each policy recorded for it.</summary>
internal sealed record GrantedLease(long ExpiresAt, int Permits, GrantedLease.Part[] Parts)
{
    /// <summary>One policy's share: the state it was charged to (a reset replaces it, and then nothing is given back) and its stamp.</summary>
    internal readonly record struct Part(string Policy, object State, PolicyLimiter Limiter, long Stamp);
}
