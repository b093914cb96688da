using GridTokenX.Grains.Abstractions.Events;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Publishes a market's events once they are durable, in journal order, and remembers how far it got. Like the
/// journal's group commit, everything queued while one round is in flight goes out in the next round: one batch
/// per channel (channels in parallel, so per-channel order holds), however many journal batches it spans. A failed
/// round is retried with backoff; nothing is skipped. Runs on the owning grain's scheduler.
/// </summary>
public sealed partial class MarketEventPublisher(IStreamProvider? streams, TimeProvider time, ILogger logger, string symbol)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly Queue<(long Head, List<ChannelEvent> Events)> _queue = new();
    private Task? _running;

    /// <summary>Every event of every command up to this sequence has been published.</summary>
    public long PublishedHead { get; private set; }

    public bool Enabled => streams is not null;

    public void StartFrom(long publishedHead) => PublishedHead = publishedHead;

    public void Enqueue(long head, List<ChannelEvent> events)
    {
        if (streams is null)
        {
            PublishedHead = head;
            return;
        }

        _queue.Enqueue((head, events));
        _running ??= Run();
    }

    private async Task Run()
    {
        var backoff = TimeSpan.FromMilliseconds(50);
        var round = new List<ChannelEvent>();
        long roundHead = 0;
        while (_queue.Count > 0 || round.Count > 0)
        {
            // Take everything queued so far; after a failure the same round (plus what arrived since) is retried.
            while (_queue.TryDequeue(out var next))
            {
                round.AddRange(next.Events);
                roundHead = next.Head;
            }

            try
            {
                await Publish(round);
                round.Clear();
                PublishedHead = roundHead;
                backoff = TimeSpan.FromMilliseconds(50);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogPublishFailed(ex, symbol, roundHead, backoff.TotalMilliseconds);
                await Task.Delay(backoff, time);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }

        _running = null;
    }

    private Task Publish(List<ChannelEvent> events)
    {
        var byChannel = new Dictionary<string, List<ChannelEvent>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!byChannel.TryGetValue(e.Channel, out var list)) byChannel[e.Channel] = list = [];
            list.Add(e);
        }

        return Task.WhenAll(byChannel.Select(c =>
        {
            var (ns, key) = ChannelStreams.For(c.Key);
            return streams!.GetStream<ChannelEvent>(StreamId.Create(ns, key)).OnNextBatchAsync(c.Value);
        }));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not publish the events up to {Head}; retrying in {BackoffMs} ms")]
    private partial void LogPublishFailed(Exception exception, string symbol, long head, double backoffMs);
}
