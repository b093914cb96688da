namespace GridTokenX.Grains.Abstractions.Events;

/// <summary>The channels of API.md's WebSocket section, and how to tell them apart.</summary>
public static class ChannelNames
{
    public const string SystemAlerts = "system:alerts";

    public static string Market(string symbol) => "market:" + symbol;

    public static string Orders(string userId) => "orders:" + userId;

    public static string Trades(string userId) => "trades:" + userId;

    public static string User(string userId) => "user:" + userId;

    /// <summary>Splits "kind:key"; false when the text is not a channel of a known kind.</summary>
    public static bool TryParse(string? channel, out ChannelKind kind, out string key)
    {
        kind = default;
        key = "";
        if (channel is null) return false;
        if (channel == SystemAlerts)
        {
            kind = ChannelKind.SystemAlerts;
            return true;
        }

        var colon = channel.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == channel.Length - 1) return false;
        key = channel[(colon + 1)..];
        switch (channel[..colon])
        {
            case "market": kind = ChannelKind.Market; return true;
            case "orders": kind = ChannelKind.Orders; return true;
            case "trades": kind = ChannelKind.Trades; return true;
            case "user": kind = ChannelKind.User; return true;
            default:
                key = "";
                return false;
        }
    }
}
