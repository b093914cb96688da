using System.ComponentModel.DataAnnotations;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>WebSocket gateway limits, bound from <c>GridTokenX:Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "GridTokenX:Realtime";

    /// <summary>The contract's frame limit: a message (all its fragments together) above it closes the socket with 1009.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "GridTokenX:Realtime:MaxMessageBytes must be between 1024 and 16777216.")]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    [Range(1, 10_000, ErrorMessage = "GridTokenX:Realtime:MaxChannelsPerConnection must be between 1 and 10000.")]
    public int MaxChannelsPerConnection { get; set; } = 100;

    /// <summary>Frames waiting to be written to one socket; a socket that lets it fill up is a slow consumer.</summary>
    [Range(1, 1_000_000, ErrorMessage = "GridTokenX:Realtime:OutboundQueueCapacity must be between 1 and 1000000.")]
    public int OutboundQueueCapacity { get; set; } = 1024;

    /// <summary>How often the server pings an idle peer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05.4775807", ErrorMessage = "GridTokenX:Realtime:KeepAliveInterval must be positive.")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A peer that has not answered a ping within this time is dead and its socket aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05.4775807", ErrorMessage = "GridTokenX:Realtime:KeepAliveTimeout must be positive.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a closing handshake (or a send stuck behind a full TCP window) may take before the socket is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05.4775807", ErrorMessage = "GridTokenX:Realtime:CloseTimeout must be positive.")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Accept permessage-deflate when a client offers it.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>
    /// How often the host checks that Orleans still holds its stream subscriptions. Orleans drops a client's
    /// subscription for good when one delivery finds the client unreachable (its gateway silo died); the host then
    /// subscribes again and reads what it missed from Redis.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "10675199.02:48:05.4775807", ErrorMessage = "GridTokenX:Realtime:SubscriptionCheckInterval must be at least 00:00:00.1.")]
    public TimeSpan SubscriptionCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
