namespace GridTokenX.Grains.Abstractions.CacheWarming;

/// <summary>A run's outcome. <see cref="Skipped"/>: the source is not available here (no database configured); not a failure.</summary>
public static class WarmingOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
