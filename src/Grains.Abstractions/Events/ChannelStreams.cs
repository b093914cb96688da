namespace GridTokenX.Grains.Abstractions.Events;

/// <summary>
/// Which Orleans streams (on the provider named here) carry which channels. Callers build stream ids with
/// <c>StreamId.Create(Namespace, Key)</c> (this assembly references only the Orleans SDK).
/// </summary>
/// <remarks>
/// A market publishes everything it derives on two streams of its own, not one stream per channel: its public
/// events (<c>market:{symbol}</c>) and its users' events (<c>orders:{user}</c>, <c>trades:{user}</c>). That makes
/// a publish round two appends however many users it touched (per-channel streams made it one append per user,
/// and publication fell behind matching), and gives each stream one writer and one sequence, so a subscriber can
/// drop redeliveries exactly. The cost moves to the API hosts: a host that serves a user channel receives every
/// user's events of every market and keeps the ones its sockets want. Channels whose events come from elsewhere
/// (<c>user:{user}</c>, <c>system:alerts</c>) keep one stream per channel.
/// </remarks>
public static class ChannelStreams
{
    public const string ProviderName = "gtx";

    public const string MarketPublicNamespace = "market";

    public const string MarketUsersNamespace = "market-users";

    public static (string Namespace, string Key) MarketPublic(string symbol) => (MarketPublicNamespace, symbol);

    public static (string Namespace, string Key) MarketUsers(string symbol) => (MarketUsersNamespace, symbol);

    /// <summary>Every stream a subscriber of <paramref name="channel"/> must read, given the configured markets.</summary>
    public static IReadOnlyList<(string Namespace, string Key)> Sources(string channel, IEnumerable<string> symbols)
    {
        if (!ChannelNames.TryParse(channel, out var kind, out var key))
            throw new ArgumentException($"'{channel}' is not a channel name.", nameof(channel));
        return kind switch
        {
            ChannelKind.Market => [MarketPublic(key)],
            ChannelKind.Orders or ChannelKind.Trades => [.. symbols.Select(MarketUsers)],
            _ => [For(channel)],
        };
    }

    /// <summary>
    /// The stream of a channel that has one of its own: "user:alice" → ("user", "alice"); "system:alerts" →
    /// ("system", "alerts").
    /// </summary>
    public static (string Namespace, string Key) For(string channel)
    {
        var colon = channel.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new ArgumentException($"'{channel}' is not a channel name.", nameof(channel));
        return (channel[..colon], channel[(colon + 1)..]);
    }
}
