using System.ComponentModel.DataAnnotations;

namespace GridTokenX.Redis.Caching;

/// <summary>Bound from <c>GridTokenX:Cache</c> (docs/cache.md).</summary>
public sealed class ReadCacheOptions
{
    public const string Section = "GridTokenX:Cache";

    /// <summary>
    /// The longest an entry stays in a host's memory. The backplane normally evicts it everywhere as soon as any host
    /// writes the key; this bounds staleness when a backplane message is lost (Redis pub/sub is fire-and-forget).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "GridTokenX:Cache:MemoryDuration must be between 00:00:00.100 and 01:00:00.")]
    public TimeSpan MemoryDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a value whose producer fails may still be served (fail-safe), past its TTL.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "GridTokenX:Cache:FailSafeMaxDuration must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan FailSafeMaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a read waits for Redis (the second level) before it goes on without it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30", ErrorMessage = "GridTokenX:Cache:DistributedTimeout must be between 00:00:00.010 and 00:00:30.")]
    public TimeSpan DistributedTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an API host reports the reads and misses it counted to the cache warmers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "GridTokenX:Cache:AccessReportInterval must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan AccessReportInterval { get; set; } = TimeSpan.FromSeconds(5);
}
