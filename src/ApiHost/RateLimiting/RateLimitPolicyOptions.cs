namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// One policy's settings (<c>GridTokenX:RateLimits:Policies:{name}</c>); which ones count depends on its strategy
/// (<see cref="RateLimitsOptions"/> validates those).
/// </summary>
public sealed class RateLimitPolicyOptions
{
    public int Limit { get; set; }

    public int WindowSeconds { get; set; }

    public int Burst { get; set; }

    public double RefillPerSecond { get; set; }

    public double Factor { get; set; } = 2;

    public int MaxBlockSeconds { get; set; }
}
