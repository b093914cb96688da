using Microsoft.Extensions.Logging;

namespace GridTokenX.Redis.Streaming;

internal static partial class RedisStreamLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Redis stream queue {Queue} of provider {Provider} started on {Stream}; re-reading its pending entries first.")]
    public static partial void ReceiverStarted(ILogger logger, string provider, string queue, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis stream queue {Queue} of provider {Provider} re-read {Count} pending entries.")]
    public static partial void Reclaimed(ILogger logger, string provider, string queue, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream queue {Queue} of provider {Provider} could not read from Redis; retrying on the next pull.")]
    public static partial void ReadFailed(ILogger logger, string provider, string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream queue {Queue} of provider {Provider} could not acknowledge {Count} entries; retrying with the next delivery.")]
    public static partial void AckFailed(ILogger logger, string provider, string queue, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis stream queue {Queue} of provider {Provider}: consumer group {Group} was missing (stream deleted?); recreated it.")]
    public static partial void GroupRecreated(ILogger logger, string provider, string queue, string group);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis stream queue {Queue} of provider {Provider}: entry {EntryId} was trimmed before delivery (MaxStreamLength cap) and is lost.")]
    public static partial void EntryTrimmedBeforeDelivery(ILogger logger, string provider, string queue, string entryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis stream queue {Queue} of provider {Provider}: entry {EntryId} cannot be decoded and is dropped.")]
    public static partial void EntryUndecodable(ILogger logger, string provider, string queue, string entryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis stream provider {Provider} could not append to {Stream}.")]
    public static partial void AppendFailed(ILogger logger, string provider, string stream, Exception exception);
}
