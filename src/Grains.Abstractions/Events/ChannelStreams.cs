namespace GridTokenX.Grains.Abstractions.Events;

/// <summary>
/// Where a channel's events flow: one Orleans stream per channel, on the provider named here. Callers build the
/// stream id with <c>StreamId.Create(Namespace, Key)</c> (this assembly references only the Orleans SDK).
/// </summary>
public static class ChannelStreams
{
    public const string ProviderName = "gtx";

    /// <summary>"market:ENERGY-USD" → ("market", "ENERGY-USD"); "system:alerts" → ("system", "alerts").</summary>
    public static (string Namespace, string Key) For(string channel)
    {
        var colon = channel.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new ArgumentException($"'{channel}' is not a channel name.", nameof(channel));
        return (channel[..colon], channel[(colon + 1)..]);
    }
}
