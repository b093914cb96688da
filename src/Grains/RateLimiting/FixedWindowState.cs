namespace GridTokenX.Grains.RateLimiting;

/// <summary>A key's current window: when it opened (UTC ticks) and how many requests it has admitted (0: none open).</summary>
[GenerateSerializer]
[Alias("gtx.ratelimiting.stored.FixedWindowState")]
public sealed class FixedWindowState
{
    [Id(0)]
    public long Start { get; set; }

    [Id(1)]
    public int Count { get; set; }
}
