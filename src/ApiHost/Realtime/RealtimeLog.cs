namespace GridTokenX.ApiHost.Realtime;

/// <summary>Gateway log lines. They name users, never tokens.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket opened for {Caller}")]
    public static partial void Opened(ILogger logger, string caller);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket of {Caller} ended ({CloseStatus})")]
    public static partial void Closed(ILogger logger, string caller, string closeStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebSocket of {Caller} closed as a slow consumer ({Capacity} frames queued, {Channels} channels)")]
    public static partial void SlowConsumer(ILogger logger, string caller, int capacity, int channels);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscribing this host to channel {Channel} failed; closing the socket of {Caller}")]
    public static partial void SourceFailed(ILogger logger, Exception exception, string channel, string caller);
}
