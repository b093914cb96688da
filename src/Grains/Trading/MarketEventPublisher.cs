using GridTokenX.Grains.Abstractions.Events;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Publishes a market's events once they are durable, in journal order, and remembers how far it got. Like the
/// journal's group commit, everything queued while one round is in flight goes out in the next round: one append
/// to the market's public stream and one to its users' stream (see <see cref="ChannelStreams"/>), however many
/// journal batches and users the round spans. A failed round is retried with backoff; nothing is skipped. Runs on
/// the owning grain's scheduler.
/// </summary>
/// <param name="append">Appends events to one stream (namespace, key); null when events are not published.</param>
public sealed partial class MarketEventPublisher(MarketEventPublisher.Append? append, TimeProvider time, TradingMetrics metrics, ILogger logger, string symbol)
{
    public delegate Task Append((string Namespace, string Key) stream, IReadOnlyList<ChannelEvent> events);

    /// <summary>Appends to the Orleans stream provider's streams.</summary>
    public static Append? To(IStreamProvider? streams) => streams is null
        ? null
        : (id, events) => streams.GetStream<ChannelEvent>(StreamId.Create(id.Namespace, id.Key)).OnNextBatchAsync(events);

    /// <summary>Most events in one stream entry: bounds an entry's size when a round has a large backlog.</summary>
    public const int MaxEventsPerEntry = 512;

    /// <summary>A round stops taking queued batches at this many events (a batch is never split across rounds).</summary>
    public const int MaxEventsPerRound = 8 * MaxEventsPerEntry;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(10);
    private readonly Queue<(long Head, List<ChannelEvent> Events)> _queue = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _running;

    /// <summary>Every event of every command up to this sequence has been published.</summary>
    public long PublishedHead { get; private set; }

    public bool Enabled => append is not null;

    /// <summary>Completes the next time <see cref="PublishedHead"/> moves.</summary>
    public Task Progress => _progress.Task;

    public void StartFrom(long publishedHead) => PublishedHead = publishedHead;

    public void Enqueue(long head, List<ChannelEvent> events)
    {
        if (append is null)
        {
            Advance(head);
            return;
        }

        _queue.Enqueue((head, events));
        // A flag, not "_running ??= Run()": a Run that finishes without ever yielding would leave that field holding
        // its completed task, and nothing would ever publish again.
        if (_running) return;
        _running = true;
        _ = Run();
    }

    private void Advance(long head)
    {
        PublishedHead = head;
        var progressed = _progress;
        _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        progressed.TrySetResult();
    }

    private async Task Run()
    {
        try
        {
            var backoff = TimeSpan.FromMilliseconds(50);
            var round = new List<ChannelEvent>();
            long roundHead = 0;
            while (_queue.Count > 0 || round.Count > 0)
            {
                // Take what is queued, up to a bounded round: after a failure the same round is retried (plus what fits
                // of what arrived since), so a backlog is worked off in rounds that can finish rather than in one
                // ever-larger retry. A retried round may append again what a failed attempt stored: subscribers drop it.
                while (round.Count < MaxEventsPerRound && _queue.TryDequeue(out var next))
                {
                    round.AddRange(next.Events);
                    roundHead = next.Head;
                }

                try
                {
                    var started = time.GetTimestamp();
                    // A round that never completes would stall the market behind back-pressure: give up on it and retry.
                    await Publish(round).WaitAsync(RoundTimeout, time);
                    metrics.EventsPublished(symbol, round.Count, roundHead - PublishedHead, time.GetElapsedTime(started));
                    round.Clear();
                    Advance(roundHead);
                    backoff = TimeSpan.FromMilliseconds(50);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogPublishFailed(ex, symbol, roundHead, backoff.TotalMilliseconds);
                    // A plain awaited delay, not a resilience library: this resumes on the owning grain's scheduler, in
                    // the grain's turn model, whereas a Polly pipeline may run its retries on the thread pool, beside
                    // the turns that touch the market and this queue.
                    await Task.Delay(backoff, time);
                    backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
                }
            }
        }
        finally
        {
            // Whatever ends the loop, the next Enqueue must be able to start it again.
            _running = false;
        }
    }

    private Task Publish(List<ChannelEvent> events)
    {
        var market = new List<ChannelEvent>();
        var users = new List<ChannelEvent>();
        var channel = ChannelNames.Market(symbol);
        foreach (var e in events) (e.Channel == channel ? market : users).Add(e);
        return Task.WhenAll(AppendAll(ChannelStreams.MarketPublic(symbol), market), AppendAll(ChannelStreams.MarketUsers(symbol), users));
    }

    private async Task AppendAll((string Namespace, string Key) id, List<ChannelEvent> events)
    {
        for (var start = 0; start < events.Count; start += MaxEventsPerEntry)
        {
            var count = Math.Min(MaxEventsPerEntry, events.Count - start);
            await append!(id, count == events.Count ? events : events.GetRange(start, count));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not publish the events up to {Head}; retrying in {BackoffMs} ms")]
    private partial void LogPublishFailed(Exception exception, string symbol, long head, double backoffMs);
}
