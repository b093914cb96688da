namespace GridTokenX.ApiHost.Realtime;

/// <summary>WebSocket gateway limits, bound from <c>GridTokenX:Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "GridTokenX:Realtime";

    /// <summary>The contract's frame limit: a message (all its fragments together) above it closes the socket with 1009.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    public int MaxChannelsPerConnection { get; set; } = 100;

    /// <summary>Frames waiting to be written to one socket; a socket that lets it fill up is a slow consumer.</summary>
    public int OutboundQueueCapacity { get; set; } = 1024;

    /// <summary>How often the server pings an idle peer.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A peer that has not answered a ping within this time is dead and its socket aborted.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a closing handshake (or a send stuck behind a full TCP window) may take before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Accept permessage-deflate when a client offers it.</summary>
    public bool EnableCompression { get; set; } = true;

    /// <summary>
    /// How often the host checks that Orleans still holds its stream subscriptions. Orleans drops a client's
    /// subscription for good when one delivery finds the client unreachable (its gateway silo died); the host then
    /// subscribes again and reads what it missed from Redis.
    /// </summary>
    public TimeSpan SubscriptionCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
