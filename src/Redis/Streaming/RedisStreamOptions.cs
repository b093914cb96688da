using StackExchange.Redis;

namespace GridTokenX.Redis.Streaming;

/// <summary>Settings of one Redis Streams provider (named options, one instance per provider name).</summary>
public sealed class RedisStreamOptions
{
    public const int DefaultQueueCount = 8;

    /// <summary>StackExchange.Redis configuration string; ignored when <see cref="ConfigurationOptions"/> is set.</summary>
    public string? ConnectionString { get; set; }

    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Number of queues (one Redis Stream each). Streams hash onto queues, so changing it on a running system moves
    /// streams to other queues: events still waiting in the old queue are delivered, but ordering across the change
    /// is not guaranteed.
    /// </summary>
    public int QueueCount { get; set; } = DefaultQueueCount;

    /// <summary>Consumer group that owns the queues. Trimming assumes it is the only group on these streams.</summary>
    public string ConsumerGroup { get; set; } = "gtx";

    /// <summary>
    /// Guard against unbounded growth when nothing consumes (approximate <c>MAXLEN ~</c> on every append). Entries
    /// beyond it are dropped even if never delivered, so size it far above the normal backlog.
    /// </summary>
    public long MaxStreamLength { get; set; } = 1_000_000;

    /// <summary>
    /// How long acknowledged entries stay in Redis before trimming. Orleans drops a client's subscription when the
    /// client cannot be reached for a moment (its gateway silo died); the client notices, subscribes again and reads
    /// what it missed within this window from Redis (<see cref="RedisStreamCatchUp"/>). Zero trims at once.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a read that found its queue empty waits for a producer's wake-up (a pub/sub message sent with every
    /// append) before returning. Orleans otherwise only polls again after its pulling period, which would be most of
    /// an event's latency. Zero turns wake-ups off (plain polling).
    /// </summary>
    public TimeSpan WakeUpWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most entries read from Redis per pull (Orleans pulls every 100 ms by default).</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Per-queue in-memory cache (batches) between Redis and the subscribers.</summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>Longest wait for one Redis call made by a receiver before it gives up and tries again later.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal ConfigurationOptions CreateConfiguration()
    {
        var configuration = ConfigurationOptions?.Clone() ?? StackExchange.Redis.ConfigurationOptions.Parse(ConnectionString!);
        // A silo must start (and keep retrying) while Redis is briefly away; reads fail and are retried meanwhile.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "gridtokenx-streams";
        // As RedisConnectionFactory does, for the same reason: no hand-over to a dedicated thread for every reply.
        configuration.SocketManager ??= StackExchange.Redis.SocketManager.ThreadPool;
        return configuration;
    }
}
