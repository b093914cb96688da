namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// The times (UTC ticks) of a key's most recent admissions, at most the limit of them, as a ring: <see cref="Next"/> is
/// the oldest, the slot the next admission overwrites. An unused slot holds 0 (year 1), expired long ago. Refusals are
/// not recorded, so the state never grows past the limit: 8 bytes per permit.
/// </summary>
[GenerateSerializer]
[Alias("gtx.ratelimiting.stored.SlidingWindowState")]
public sealed class SlidingWindowState
{
    [Id(0)]
    public long[] Stamps { get; set; } = [];

    [Id(1)]
    public int Next { get; set; }

    /// <summary>
    /// Sizes the ring for <paramref name="limit"/> (a new key, or an override changed the limit), keeping the newest
    /// admissions in order: under a lower limit only the newest ones can matter, so the count stays exact.
    /// </summary>
    internal void Fit(int limit)
    {
        if (Stamps.Length == limit && (uint)Next < (uint)limit) return;
        var kept = new long[limit];
        var old = Stamps.Length;
        var n = Math.Min(limit, old);
        var oldest = (uint)Next < (uint)old ? Next : 0;
        for (var i = 0; i < n; i++)
        {
            kept[limit - n + i] = Stamps[(oldest + old - n + i) % old];
        }

        Stamps = kept;
        Next = 0;
    }

    internal SlidingWindowState Copy() => new() { Stamps = [.. Stamps], Next = Next };
}
