using System.Collections.Concurrent;
using GridTokenX.Grains.Abstractions.Events;
using Orleans.Streams;

namespace GridTokenX.Grains.Tests;

/// <summary>Subscribes a cluster client to a channel's Orleans stream and keeps what arrives, in order.</summary>
public static class ChannelRecorder
{
    public static async Task<ConcurrentQueue<ChannelEvent>> RecordAsync(IClusterClient client, string channel)
    {
        ArgumentNullException.ThrowIfNull(client);
        var received = new ConcurrentQueue<ChannelEvent>();
        var (ns, key) = ChannelStreams.For(channel);
        await client.GetStreamProvider(ChannelStreams.ProviderName).GetStream<ChannelEvent>(StreamId.Create(ns, key))
            .SubscribeAsync((e, _) =>
            {
                received.Enqueue(e);
                return Task.CompletedTask;
            });
        return received;
    }
}
