namespace GridTokenX.Grains.CacheWarming;

/// <summary>Earlier members run first where dependencies leave a choice.</summary>
public enum WarmingPriority
{
    Critical,
    High,
    Medium,
    Low,
}
