using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using GridTokenX.Redis.Trading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Serialization;
using Orleans.Streams;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// Owns one market. Commands are matched synchronously inside a turn (so the engine is never touched concurrently)
/// and journaled in batches: while one batch is being written, the commands that arrive are matched and queue for
/// the next write (group commit). A caller hears back only once its command is in the journal, and no read shows
/// state that is not yet durable. If a write fails, or another activation has moved the journal on, everything
/// not yet written is refused and this activation discards itself; the next one rebuilds from the journal.
/// Events are derived as commands are applied and published only after their batch is durable. The journal is
/// the outbox: a checkpoint is never written past what has been published, so an activation can always re-derive
/// and re-publish (with the same ids) the events a crash left unpublished.
/// </summary>
// Fixed so that renaming the class never moves its grains or their stored state.
[GrainType("orderbook")]
[Reentrant]
public sealed partial class OrderBookGrain(
    IJournalStore journal,
    IClientOrderIdRegistry clientOrderIds,
    MarketCatalog catalog,
    Serializer serializer,
    TimeProvider time,
    IOptions<TradingOptions> options,
    TradingMetrics metrics,
    ILogger<OrderBookGrain> logger) : Grain, IOrderBookGrain
{
    private const int MaxQueryLimit = 1000;

    private readonly List<MarketCommand> _pending = [];
    private readonly List<ChannelEvent> _pendingEvents = [];
    private Market _market = null!;
    private MarketEventPublisher _publisher = null!;
    private (long Head, Task<JournalCheckpoint> Encoded)? _heldCheckpoint;
    private TaskCompletionSource? _pendingDurable;
    private TaskCompletionSource? _writing;
    private long _writingHead;
    private long _durableSequence;
    private long _snapshotSequence;
    private Exception? _broken;

    private string Symbol => _market.Spec.Symbol;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var symbol = this.GetPrimaryKeyString();
        if (!catalog.TryGet(symbol, out var spec))
            throw new InvalidOperationException($"No market '{symbol}' is configured.");

        var contents = await journal.LoadAsync(symbol, cancellationToken);
        _market = contents.Snapshot is { } snapshot
            ? Market.Restore(spec, [.. contents.History.Select(Decode<MarketHistorySegment>)],
                [.. contents.Live.Values.Select(Decode<OrderRecord>)], Decode<MarketSnapshot>(snapshot))
            : contents.History.Count == 0 ? new Market(spec)
            : throw new InvalidOperationException($"Journal of {symbol} has history but no checkpoint.");
        var streams = options.Value.PublishEvents ? ServiceProvider.GetKeyedService<IStreamProvider>(ChannelStreams.ProviderName) : null;
        if (options.Value.PublishEvents && streams is null) LogNoStreams(symbol);
        _publisher = new MarketEventPublisher(MarketEventPublisher.To(streams), time, metrics, logger, symbol);
        // Journals written before events existed have no published head: nothing before the checkpoint can be re-derived.
        var publishedHead = Math.Max(contents.PublishedHead, contents.SnapshotSequence);
        _publisher.StartFrom(publishedHead);

        var replayed = 0;
        foreach (var batch in contents.Batches)
        {
            var events = new List<ChannelEvent>();
            foreach (var command in Decode<MarketBatch>(batch.Data).Commands)
            {
                if (command.Sequence <= _market.Sequence) continue;
                if (command.Sequence > publishedHead && _publisher.Enabled) events.AddRange(ApplyWithEvents(command));
                else _market.Apply(command);
                replayed++;
            }

            // Re-publish what a crash may have left unpublished: same derivation, same ids, same batch boundaries.
            if (batch.LastSequence > publishedHead && _publisher.Enabled)
            {
                events.Add(MarketEventBuilder.BookAfterBatch(_market));
                _publisher.Enqueue(batch.LastSequence, events);
            }
        }

        if (_market.Sequence != contents.Head)
            throw new InvalidOperationException($"Market {symbol} rebuilt to sequence {_market.Sequence}, journal head is {contents.Head}.");
        _durableSequence = contents.Head;
        _snapshotSequence = contents.SnapshotSequence;
        LogRestored(symbol, contents.SnapshotSequence, replayed, contents.Head, _market.OrderCount);
    }

    public async Task<PlaceOrderResult> PlaceOrder(PlaceOrderCommand command)
    {
        var result = await Place(command);
        metrics.OrderPlaced(Symbol, result.Outcome, result.Outcome == PlaceOrderOutcome.Created ? result.Trades.Count : 0);
        return result;
    }

    private async Task<PlaceOrderResult> Place(PlaceOrderCommand command)
    {
        ThrowIfBroken();
        var spec = _market.Spec;
        if (command.Symbol != spec.Symbol)
            return Rejected(new FieldError("symbol", $"This is the {spec.Symbol} market."));
        if (spec.Validate(command.Type, command.Price, command.Quantity, out var priceTicks, out var quantityLots) is { } error)
            return Rejected(error);

        await WaitForPublication();
        if (command.ClientOrderId is { } clientOrderId)
        {
            if (_market.FindByClientOrderId(command.UserId, clientOrderId) is { } original)
                return await Repeat(original, command, priceTicks, quantityLots);

            string owner;
            try
            {
                owner = await clientOrderIds.ClaimAsync(command.UserId, clientOrderId, spec.Symbol, CancellationToken.None);
            }
            catch (ClientOrderIdRegistryUnavailableException ex)
            {
                // Storage exceptions do not cross the grain boundary; the caller gets the retryable kind.
                LogClaimFailed(ex, spec.Symbol);
                throw new MarketUnavailableException($"Market {spec.Symbol} could not check the client_order_id; nothing was placed. Retry shortly.");
            }

            if (owner != spec.Symbol) return new PlaceOrderResult(PlaceOrderOutcome.ClientOrderIdConflict, null, []);
            ThrowIfBroken();
            // A twin of this request may have been matched while the claim was in flight.
            if (_market.FindByClientOrderId(command.UserId, clientOrderId) is { } twin)
                return await Repeat(twin, command, priceTicks, quantityLots);
        }

        var place = new PlaceCommand(_market.Sequence + 1, NextTimestamp(), _market.NextOrderNumber, command.UserId,
            command.ClientOrderId, command.Side, command.Type, command.Type == OrderType.Market ? TimeInForce.Ioc : command.TimeInForce,
            priceTicks, quantityLots);
        var order = _market.Place(place);
        var result = new PlaceOrderResult(PlaceOrderOutcome.Created, _market.ToOrder(order), _market.ArrivalTrades(order));
        if (_publisher.Enabled) _pendingEvents.AddRange(MarketEventBuilder.ForPlace(_market, order, result.Order, result.Trades));
        await Journal(place);
        return result;
    }

    public async Task<CancelOrderResult> CancelOrder(string userId, string orderId)
    {
        ThrowIfBroken();
        var order = FindOwned(userId, orderId);
        if (order is null) return new CancelOrderResult(CancelOrderOutcome.NotFound, null);
        await WaitForPublication();
        if (!order.Engine.IsResting)
        {
            var final = _market.ToOrder(order);
            await WhenDurable(_market.Sequence);
            return new CancelOrderResult(CancelOrderOutcome.AlreadyFinal, final);
        }


        var cancel = new CancelCommand(_market.Sequence + 1, NextTimestamp(), order.Number);
        _market.Cancel(cancel);
        if (_publisher.Enabled) _pendingEvents.AddRange(MarketEventBuilder.ForCancel(_market, order));
        var cancelled = _market.ToOrder(order);
        await Journal(cancel);
        metrics.OrderCancelled(Symbol);
        return new CancelOrderResult(CancelOrderOutcome.Cancelled, cancelled);
    }

    public Task<Order?> GetOrder(string userId, string orderId)
    {
        ThrowIfBroken();
        var order = FindOwned(userId, orderId);
        return Durable(order is null ? null : _market.ToOrder(order));
    }

    public Task<IReadOnlyList<Order>> GetUserOrders(string userId, bool openOnly, int limit) =>
        Durable(_market.UserOrders(userId, openOnly, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<IReadOnlyList<Trade>> GetUserTrades(string userId, int limit) =>
        Durable(_market.UserTrades(userId, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<OrderBookView> GetBook(int depth) => Durable(_market.Book(Math.Clamp(depth, 1, MaxQueryLimit), time.GetUtcNow()));

    public Task<IReadOnlyList<Trade>> GetTrades(int limit) => Durable(_market.RecentTrades(Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<Ticker> GetTicker() => Durable(_market.Ticker(time.GetUtcNow()));

    private async Task<PlaceOrderResult> Repeat(MarketOrder original, PlaceOrderCommand request, long priceTicks, long quantityLots)
    {
        if (!Market.IsSameRequest(original, request, priceTicks, quantityLots))
            return new PlaceOrderResult(PlaceOrderOutcome.ClientOrderIdConflict, _market.ToOrder(original), []);
        var order = _market.ToOrder(original);
        var trades = _market.ArrivalTrades(original);
        await WhenDurable(_market.Sequence);
        return new PlaceOrderResult(PlaceOrderOutcome.Duplicate, order, trades);
    }

    private MarketOrder? FindOwned(string userId, string orderId) =>
        OrderIds.TryParseOrder(orderId, out var symbol, out var number) && symbol == Symbol
            && _market.Find(number) is { } order && order.UserId == userId
            ? order
            : null;

    /// <summary>Returns a read once everything it may reflect is durable.</summary>
    private async Task<T> Durable<T>(T value)
    {
        ThrowIfBroken();
        await WhenDurable(_market.Sequence);
        return value;
    }

    private Task Journal(MarketCommand command)
    {
        _pending.Add(command);
        var durable = _pendingDurable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_writing is null) _ = WriteLoop();
        return durable.Task;
    }

    private async Task WhenDurable(long sequence)
    {
        while (_durableSequence < sequence)
        {
            ThrowIfBroken();
            var next = _writing is not null && sequence <= _writingHead ? _writing : _pendingDurable ?? _writing;
            if (next is null) break;
            await next.Task;
        }
    }

    /// <summary>Holds a new command back while too many durable ones still wait for their events to go out.</summary>
    private async ValueTask WaitForPublication()
    {
        var max = options.Value.MaxUnpublished;
        if (!_publisher.Enabled || _durableSequence - _publisher.PublishedHead <= max) return;
        metrics.PublicationWaited(Symbol);
        var deadline = time.GetTimestamp();
        while (_durableSequence - _publisher.PublishedHead > max)
        {
            ThrowIfBroken();
            var left = options.Value.PublicationWait - time.GetElapsedTime(deadline);
            try
            {
                if (left <= TimeSpan.Zero) throw new TimeoutException();
                await _publisher.Progress.WaitAsync(left, time);
            }
            catch (TimeoutException)
            {
                metrics.PublicationRefused(Symbol);
                LogPublicationBehind(Symbol, _durableSequence - _publisher.PublishedHead);
                throw new MarketUnavailableException($"Market {Symbol} is catching up on publishing its events; nothing from this request was kept. Retry shortly.");
            }
        }

        // The market may have broken while this command waited.
        ThrowIfBroken();
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
            // to derive the batch's book update and to capture a checkpoint (encoded on the thread pool meanwhile).
            List<ChannelEvent>? events = _publisher.Enabled ? [.. _pendingEvents, MarketEventBuilder.BookAfterBatch(_market)] : null;
            _pendingEvents.Clear();
            if (_heldCheckpoint is null && head - _snapshotSequence >= options.Value.SnapshotEvery)
            {
                var taken = _market.TakeCheckpoint();
                _heldCheckpoint = (head, Task.Run(() => Encode(head, taken)));
            }

            // A checkpoint is written only once everything it covers has been published, so the journal entries a
            // re-publication needs are never trimmed: until then it rides along with a later batch.
            JournalCheckpoint? checkpoint = null;
            if (_heldCheckpoint is { } held && _publisher.PublishedHead >= held.Head) checkpoint = await held.Encoded;

            var encoded = serializer.SerializeToArray(new MarketBatch(batch));
            var started = time.GetTimestamp();
            try
            {
                await journal.AppendAsync(Symbol, _durableSequence, head, encoded, _publisher.PublishedHead, checkpoint, CancellationToken.None);
            }
            catch (Exception ex)
            {
                Break(ex);
                _writing = null;
                done.TrySetException(Unavailable());
                return;
            }

            metrics.JournalWritten(Symbol, batch.Length, time.GetElapsedTime(started));
            _durableSequence = head;
            if (checkpoint is not null)
            {
                _snapshotSequence = checkpoint.Sequence;
                _heldCheckpoint = null;
            }

            _publisher.Enqueue(head, events ?? []);
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
        DeactivateOnIdle();
    }

    private void ThrowIfBroken()
    {
        if (_broken is not null) throw Unavailable();
    }

    private MarketUnavailableException Unavailable() =>
        new($"Market {Symbol} is recovering; nothing from this request was kept. Retry shortly.");

    private long NextTimestamp()
    {
        // Never let time run backwards inside one journal, whatever the wall clock does.
        return Math.Max(_market.LastTimestampMs, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private List<ChannelEvent> ApplyWithEvents(MarketCommand command) => command switch
    {
        PlaceCommand place => MarketEventBuilder.ForPlace(_market, _market.Place(place)),
        CancelCommand cancel => MarketEventBuilder.ForCancel(_market, _market.Cancel(cancel)),
        _ => throw new InvalidOperationException($"Unknown command {command.GetType().Name}."),
    };

    private JournalCheckpoint Encode(long sequence, MarketCheckpoint checkpoint) => new(
        sequence,
        serializer.SerializeToArray(checkpoint.State),
        serializer.SerializeToArray(checkpoint.History),
        [.. checkpoint.RestingChanged.Select(o => new KeyValuePair<long, byte[]>(o.Number, serializer.SerializeToArray(o)))],
        checkpoint.RestingEnded);

    private T Decode<T>(ReadOnlyMemory<byte> bytes) where T : class =>
        serializer.Deserialize<T>(bytes) ?? throw new InvalidOperationException($"Journal of {this.GetPrimaryKeyString()} holds an empty {typeof(T).Name}.");

    private static PlaceOrderResult Rejected(FieldError error) => new(PlaceOrderOutcome.Rejected, null, [], error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Market {Symbol} restored: snapshot at {SnapshotSequence}, {Replayed} commands replayed, head {Head}, {Orders} orders")]
    private partial void LogRestored(string symbol, long snapshotSequence, int replayed, long head, int orders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not claim a client_order_id; the order was refused")]
    private partial void LogClaimFailed(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} has no stream provider '" + ChannelStreams.ProviderName + "': its events are not published")]
    private partial void LogNoStreams(string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} refused a command: {Unpublished} durable commands still wait for their events to be published")]
    private partial void LogPublicationBehind(string symbol, long unpublished);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} lost ownership of its journal (expected head {Expected}, found {Actual}); deactivating")]
    private partial void LogLostOwnership(string symbol, long expected, long actual);

    [LoggerMessage(Level = LogLevel.Error, Message = "Market {Symbol} could not write its journal; refusing unwritten commands and deactivating")]
    private partial void LogJournalFailed(Exception exception, string symbol);
}
