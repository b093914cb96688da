namespace GridTokenX.Grains.CacheWarming;

/// <summary>A source that cannot run here at all (no database configured): the run is skipped, not retried or failed.</summary>
public sealed class WarmingSourceUnavailableException : Exception
{
    public WarmingSourceUnavailableException()
    {
    }

    public WarmingSourceUnavailableException(string message)
        : base(message)
    {
    }

    public WarmingSourceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
