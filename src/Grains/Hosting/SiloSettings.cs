using System.Net;

namespace GridTokenX.Grains.Hosting;

/// <summary>
/// What <see cref="GridTokenXSiloBuilderExtensions.AddGridTokenX"/> needs to wire a silo, already validated by the host
/// that reads them (see GridTokenX.Hosting's <c>HostSettings</c>): this project never reads configuration for them.
/// </summary>
/// <param name="RedisConnectionString">Null for standalone mode: in-memory clustering, storage, streams and journal.</param>
/// <param name="StreamPullPeriod">Null picks <see cref="DefaultStreamPullPeriod"/> or <see cref="DefaultWokenStreamPullPeriod"/>.</param>
public sealed record SiloSettings(string ClusterId, string ServiceId, string? RedisConnectionString, int SiloPort, int GatewayPort,
    IPAddress AdvertisedAddress, TimeSpan? StreamPullPeriod)
{
    /// <summary>
    /// The pause Orleans' pulling agent makes after each read of a stream queue, whatever the read found (Orleans'
    /// default is 100 ms, which would be most of an event's latency). This is the default where a read returns at
    /// once when the queue is empty: in-memory streams, and Redis Streams with wake-ups off.
    /// </summary>
    public static readonly TimeSpan DefaultStreamPullPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The default on Redis Streams with wake-ups on. A read of an empty queue waits there for the next append's
    /// wake-up, so a short pause costs nothing while idle; under load it bounds how long an event appended just after
    /// a read waits for the next one (with 10 ms, a market's second publish round within 10 ms of its first waited
    /// up to 10 ms: most of the idle latency measured in docs/benchmarks-history.md).
    /// </summary>
    public static readonly TimeSpan DefaultWokenStreamPullPeriod = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The independent Redis nodes of the lock quorum (<c>GridTokenX:Redis:LockEndpoints</c>); empty: the main Redis.
    /// Ignored in standalone mode, whose lock is in-process.
    /// </summary>
    public IReadOnlyList<string> LockEndpoints { get; init; } = [];

    public bool UsesRedis => RedisConnectionString is not null;
}
