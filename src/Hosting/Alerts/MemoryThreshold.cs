namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// High memory with hysteresis: high from the moment use reaches the limit until it falls below
/// <see cref="RearmRatio"/> of it, so use hovering around the limit does not toggle the condition on every sample.
/// </summary>
public sealed class MemoryThreshold(long bytesLimit, double percentLimit)
{
    public const double RearmRatio = 0.9;

    public bool IsHigh { get; private set; }

    public bool Enabled => bytesLimit > 0 || percentLimit > 0;

    /// <summary>The limit in force for a host whose GC may use <paramref name="availableBytes"/>: the lower of the two settings.</summary>
    public long LimitFor(long availableBytes)
    {
        var limit = long.MaxValue;
        if (bytesLimit > 0) limit = bytesLimit;
        if (percentLimit > 0 && availableBytes > 0) limit = Math.Min(limit, (long)(availableBytes * (percentLimit / 100)));
        return limit;
    }

    public bool Sample(long usedBytes, long availableBytes)
    {
        if (!Enabled) return false;
        var limit = LimitFor(availableBytes);
        if (!IsHigh && usedBytes >= limit) IsHigh = true;
        else if (IsHigh && usedBytes < (long)(limit * RearmRatio)) IsHigh = false;
        return IsHigh;
    }
}
