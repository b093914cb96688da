using System.Globalization;
using Orleans.Streams;
using StackExchange.Redis;

namespace GridTokenX.Redis.Streaming;

/// <summary>Names in Redis: one stream per queue, its name in a hash tag so a Lua script may touch it in a cluster.</summary>
public static class RedisStreamKeys
{
    public static RedisKey Stream(string provider, QueueId queue) => Stream(provider, queue.GetNumericId());

    public static RedisKey Stream(string provider, uint queueNumber) =>
        $"gtx:stream:{{{provider}-{queueNumber.ToString(CultureInfo.InvariantCulture)}}}";

    /// <summary>
    /// One consumer per queue, named after the queue rather than the silo, so the entries a crashed silo read but
    /// never acknowledged stay pending under a name the queue's next owner reads again.
    /// </summary>
    public static RedisValue Consumer(QueueId queue) => "queue-" + queue.GetNumericId().ToString(CultureInfo.InvariantCulture);

    /// <summary>Pub/sub channel on which producers announce appends to a queue, to wake its idle receiver.</summary>
    public static RedisChannel Notify(string provider, QueueId queue) =>
        RedisChannel.Literal($"gtx:stream-notify:{{{provider}-{queue.GetNumericId().ToString(CultureInfo.InvariantCulture)}}}");
}
