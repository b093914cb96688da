namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// A key under exponential backoff: its sliding window of admissions, the end of its current or last block (UTC
/// ticks, 0: never blocked), that block's length (ticks) and the violations on the current ladder.
/// </summary>
[GenerateSerializer]
[Alias("gtx.ratelimiting.stored.BackoffState")]
public sealed class BackoffState
{
    [Id(0)]
    public SlidingWindowState Window { get; set; } = new();

    [Id(1)]
    public long BlockedUntil { get; set; }

    [Id(2)]
    public long LastBlock { get; set; }

    /// <summary>
    /// 1 after a first violation, +1 on each escalation, back to 1 when a violation starts a new ladder. It is not cleared
    /// when a clean window passes (nothing runs then); <see cref="ExponentialBackoff.Violations"/> answers for now.
    /// </summary>
    [Id(3)]
    public int Violations { get; set; }
}
