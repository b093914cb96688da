using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Writes one market's commands to its journal with group commit: one write is in flight at a time and the commands
/// applied meanwhile form the next batch, so under load one round trip carries many commands and a lone command
/// still costs one. A caller's task completes only once its command is in the journal, and a read waits until the
/// journal covers the state it shows (<see cref="WhenDurableAsync"/>). A batch's events go to the publisher only
/// after the batch is durable, and a checkpoint rides along once <see cref="MarketCheckpointer"/> releases it.
/// If a write fails, or another writer has moved the journal on, everything not yet written is refused
/// (<see cref="MarketUnavailableException"/>), the writer refuses all further work and tells its owner
/// (<paramref name="onBroken"/>), who must discard the market: memory is never repaired in place.
/// Back-pressure: a new command waits while too many durable commands still wait for their events to go out.
/// </summary>
/// <remarks>
/// Not thread-safe, on purpose. Every call, and every continuation of the writer's own awaits, must run one at a time:
/// the market's state, the pending batch and the writer's fields change together with no lock. Inside a grain that is
/// the activation's scheduler (single-threaded; a [Reentrant] grain interleaves only at awaits, and awaits resume on
/// it). Locks would cost every command and still not keep a command's match and its journal entry in one step.
/// Outside a grain, drive it from an exclusive TaskScheduler, as its tests do.
/// </remarks>
/// <param name="onBroken">Called once, when the writer breaks: the owner should discard the market (the grain deactivates).</param>
public sealed partial class MarketJournalWriter(
    IJournalStore store,
    Serializer serializer,
    Market market,
    MarketCheckpointer checkpoints,
    MarketEventPublisher publisher,
    TradingOptions options,
    TimeProvider time,
    TradingMetrics metrics,
    ILogger logger,
    Action onBroken)
{
    private readonly List<MarketCommand> _pending = [];
    private readonly List<ChannelEvent> _pendingEvents = [];
    private TaskCompletionSource? _pendingDurable;
    private TaskCompletionSource? _writing;
    private long _writingHead;
    private Exception? _broken;

    private string Symbol => market.Spec.Symbol;

    /// <summary>Sequence of the last command in the journal.</summary>
    public long DurableSequence { get; private set; } = market.Sequence;

    /// <summary>
    /// Adds a command the market has just applied, and the events it derived (published once durable), to the next
    /// batch. Completes once the command is in the journal; fails with <see cref="MarketUnavailableException"/> if the
    /// writer breaks first.
    /// </summary>
    public Task Append(MarketCommand command, IReadOnlyList<ChannelEvent>? events = null)
    {
        ThrowIfBroken();
        _pending.Add(command);
        if (events is not null) _pendingEvents.AddRange(events);
        var durable = _pendingDurable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_writing is null) _ = WriteLoop();
        return durable.Task;
    }

    /// <summary>Completes once the journal covers <paramref name="sequence"/>.</summary>
    public ValueTask WhenDurableAsync(long sequence) =>
        DurableSequence >= sequence ? ValueTask.CompletedTask : new ValueTask(WaitUntilDurable(sequence));

    /// <summary>Holds a new command back while too many durable ones still wait for their events to go out.</summary>
    /// <exception cref="MarketUnavailableException">Publication stayed behind for <see cref="TradingOptions.PublicationWait"/>.</exception>
    public async ValueTask WaitForPublicationAsync()
    {
        var max = options.MaxUnpublished;
        if (!publisher.Enabled || DurableSequence - publisher.PublishedHead <= max) return;
        metrics.PublicationWaited(Symbol);
        var deadline = time.GetTimestamp();
        while (DurableSequence - publisher.PublishedHead > max)
        {
            ThrowIfBroken();
            var left = options.PublicationWait - time.GetElapsedTime(deadline);
            try
            {
                if (left <= TimeSpan.Zero) throw new TimeoutException();
                await publisher.Progress.WaitAsync(left, time);
            }
            catch (TimeoutException)
            {
                metrics.PublicationRefused(Symbol);
                LogPublicationBehind(Symbol, DurableSequence - publisher.PublishedHead);
                throw new MarketUnavailableException($"Market {Symbol} is catching up on publishing its events; nothing from this request was kept. Retry shortly.");
            }
        }

        // The writer may have broken while this command waited.
        ThrowIfBroken();
    }

    /// <exception cref="MarketUnavailableException">The writer broke; the market must be rebuilt from the journal.</exception>
    public void ThrowIfBroken()
    {
        if (_broken is not null) throw Unavailable();
    }

    private async Task WaitUntilDurable(long sequence)
    {
        while (DurableSequence < sequence)
        {
            ThrowIfBroken();
            var next = _writing is not null && sequence <= _writingHead ? _writing : _pendingDurable ?? _writing;
            if (next is null) break;
            await next.Task;
        }
    }

    private async Task WriteLoop()
    {
        while (_pending.Count > 0 && _broken is null)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            var done = _writing = _pendingDurable!;
            _pendingDurable = null;
            var head = _writingHead = batch[^1].Sequence;

            // Nothing has been applied beyond this batch, so the market is exactly the state at its head: the place
            // to derive the batch's book update and to capture a checkpoint.
            List<ChannelEvent>? events = publisher.Enabled ? [.. _pendingEvents, MarketEventBuilder.BookAfterBatch(market)] : null;
            _pendingEvents.Clear();
            JournalCheckpoint? checkpoint;
            long started;
            try
            {
                // Capturing and encoding fail like a write does (the batch's callers are refused, the writer breaks):
                // left outside, a throw would leave this batch's callers, and every later one, waiting for good.
                checkpoints.BatchSealed(head);
                checkpoint = await checkpoints.ReadyAsync(publisher.PublishedHead);
                var encoded = serializer.SerializeToArray(new MarketBatch(batch));
                started = time.GetTimestamp();
                // Not cancellable: callers must learn whether their commands are in the journal, and a write cut
                // short would leave that unknown.
                await store.AppendAsync(Symbol, DurableSequence, head, encoded, publisher.PublishedHead, checkpoint, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Break(ex);
                _writing = null;
                done.TrySetException(Unavailable());
                return;
            }

            metrics.JournalWritten(Symbol, batch.Length, time.GetElapsedTime(started));
            DurableSequence = head;
            if (checkpoint is not null) checkpoints.Written(checkpoint);
            publisher.Enqueue(head, events ?? []);
            _writing = null;
            done.TrySetResult();
        }
    }

    private void Break(Exception cause)
    {
        _broken = cause;
        metrics.JournalFailed(Symbol);
        if (cause is JournalConflictException conflict) LogLostOwnership(Symbol, conflict.Expected, conflict.Actual);
        else LogJournalFailed(cause, Symbol);
        _pending.Clear();
        _pendingEvents.Clear();
        _pendingDurable?.TrySetException(Unavailable());
        _pendingDurable = null;
        onBroken();
    }

    private MarketUnavailableException Unavailable() =>
        new($"Market {Symbol} is recovering; nothing from this request was kept. Retry shortly.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} refused a command: {Unpublished} durable commands still wait for their events to be published")]
    private partial void LogPublicationBehind(string symbol, long unpublished);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} lost ownership of its journal (expected head {Expected}, found {Actual}); deactivating")]
    private partial void LogLostOwnership(string symbol, long expected, long actual);

    [LoggerMessage(Level = LogLevel.Error, Message = "Market {Symbol} could not write its journal; refusing unwritten commands and deactivating")]
    private partial void LogJournalFailed(Exception exception, string symbol);
}
