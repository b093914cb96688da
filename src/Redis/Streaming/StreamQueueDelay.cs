namespace GridTokenX.Redis.Streaming;

/// <summary>How far behind one queue's reader was at its last read (see <see cref="RedisStreamMetrics.Delays"/>).</summary>
public sealed record StreamQueueDelay(string Provider, string Queue, TimeSpan Delay);
