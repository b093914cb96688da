using System.Collections.Concurrent;
using GridTokenX.Grains.Abstractions.Events;
using Orleans.Streams;

namespace GridTokenX.Grains.Tests;

/// <summary>Subscribes a cluster client to every stream that carries a channel and keeps the channel's events, in order.</summary>
public static class ChannelRecorder
{
    /// <param name="symbols">The configured markets (user channels are read from each market's users' stream).</param>
    public static async Task<ConcurrentQueue<ChannelEvent>> RecordAsync(IClusterClient client, string channel, IEnumerable<string>? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var received = new ConcurrentQueue<ChannelEvent>();
        foreach (var (ns, key) in ChannelStreams.Sources(channel, symbols ?? ["ENERGY-USD", "SOLAR-USD"]))
        {
            await client.GetStreamProvider(ChannelStreams.ProviderName).GetStream<ChannelEvent>(StreamId.Create(ns, key))
                .SubscribeAsync((e, _) =>
                {
                    if (e.Channel == channel) received.Enqueue(e);
                    return Task.CompletedTask;
                });
        }

        return received;
    }
}
