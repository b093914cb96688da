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
/// and handed to the market's <see cref="MarketJournalWriter"/>, which journals them with group commit: a caller hears
/// back only once its command is in the journal, no read shows state that is not yet durable, and if a write fails
/// or another activation has moved the journal on, everything not yet written is refused and this activation
/// discards itself; the next one rebuilds from the journal (<see cref="MarketRecovery"/>). Events are derived as
/// commands are applied and published after their batch is durable; checkpoints wait for publication
/// (<see cref="MarketCheckpointer"/>). This class wires those together and keeps client_order_id idempotency.
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

    private Market _market = null!;
    private MarketEventPublisher _publisher = null!;
    private MarketJournalWriter _writer = null!;

    private string Symbol => _market.Spec.Symbol;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var symbol = this.GetPrimaryKeyString();
        if (!catalog.TryGet(symbol, out var spec))
            throw new InvalidOperationException($"No market '{symbol}' is configured.");

        var contents = await journal.LoadAsync(symbol, cancellationToken);
        // Events are published where the silo has the event streams, and nowhere else.
        var streams = ServiceProvider.GetKeyedService<IStreamProvider>(ChannelStreams.ProviderName);
        if (streams is null) LogNoStreams(symbol);
        _publisher = new MarketEventPublisher(MarketEventPublisher.To(streams), time, metrics, logger, symbol);

        var recovered = new MarketRecovery(serializer).Recover(spec, contents, deriveEvents: _publisher.Enabled);
        _market = recovered.Market;
        _publisher.StartFrom(recovered.PublishedHead);
        foreach (var batch in recovered.Unpublished) _publisher.Enqueue(batch.Head, batch.Events);

        var settings = options.Value;
        var checkpoints = new MarketCheckpointer(_market, serializer, settings.SnapshotEvery, contents.SnapshotSequence);
        _writer = new MarketJournalWriter(journal, serializer, _market, checkpoints, _publisher, settings, time, metrics, logger, DeactivateOnIdle);
        LogRestored(symbol, contents.SnapshotSequence, recovered.Replayed, contents.Head, _market.OrderCount);
    }

    public async Task<PlaceOrderResult> PlaceOrder(PlaceOrderCommand command)
    {
        var result = await Place(command);
        metrics.OrderPlaced(Symbol, result.Outcome, result.Outcome == PlaceOrderOutcome.Created ? result.Trades.Count : 0);
        return result;
    }

    private async Task<PlaceOrderResult> Place(PlaceOrderCommand command)
    {
        _writer.ThrowIfBroken();
        var spec = _market.Spec;
        if (command.Symbol != spec.Symbol)
            return Rejected(new FieldError("symbol", $"This is the {spec.Symbol} market."));
        if (spec.Validate(command.Type, command.Price, command.Quantity, out var priceTicks, out var quantityLots) is { } error)
            return Rejected(error);

        await _writer.WaitForPublicationAsync();
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
            _writer.ThrowIfBroken();
            // A twin of this request may have been matched while the claim was in flight.
            if (_market.FindByClientOrderId(command.UserId, clientOrderId) is { } twin)
                return await Repeat(twin, command, priceTicks, quantityLots);
        }

        var place = new PlaceCommand(_market.Sequence + 1, NextTimestamp(), _market.NextOrderNumber, command.UserId,
            command.ClientOrderId, command.Side, command.Type, command.Type == OrderType.Market ? TimeInForce.Ioc : command.TimeInForce,
            priceTicks, quantityLots);
        var order = _market.Place(place);
        var result = new PlaceOrderResult(PlaceOrderOutcome.Created, _market.ToOrder(order), _market.ArrivalTrades(order));
        await _writer.Append(place, _publisher.Enabled ? MarketEventBuilder.ForPlace(_market, order, result.Order, result.Trades) : null);
        return result;
    }

    public async Task<CancelOrderResult> CancelOrder(string userId, string orderId)
    {
        _writer.ThrowIfBroken();
        var order = FindOwned(userId, orderId);
        if (order is null) return new CancelOrderResult(CancelOrderOutcome.NotFound, null);
        await _writer.WaitForPublicationAsync();
        if (!order.Engine.IsResting)
        {
            var final = _market.ToOrder(order);
            await _writer.WhenDurableAsync(_market.Sequence);
            return new CancelOrderResult(CancelOrderOutcome.AlreadyFinal, final);
        }

        var cancel = new CancelCommand(_market.Sequence + 1, NextTimestamp(), order.Number);
        _market.Cancel(cancel);
        var events = _publisher.Enabled ? MarketEventBuilder.ForCancel(_market, order) : null;
        var cancelled = _market.ToOrder(order);
        await _writer.Append(cancel, events);
        metrics.OrderCancelled(Symbol);
        return new CancelOrderResult(CancelOrderOutcome.Cancelled, cancelled);
    }

    public Task<Order?> GetOrder(string userId, string orderId)
    {
        _writer.ThrowIfBroken();
        var order = FindOwned(userId, orderId);
        return ReplyWhenDurable(order is null ? null : _market.ToOrder(order));
    }

    public Task<IReadOnlyList<Order>> GetUserOrders(string userId, bool openOnly, int limit) =>
        ReplyWhenDurable(_market.UserOrders(userId, openOnly, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<IReadOnlyList<Trade>> GetUserTrades(string userId, int limit) =>
        ReplyWhenDurable(_market.UserTrades(userId, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<OrderBookView> GetBook(int depth) => ReplyWhenDurable(_market.Book(Math.Clamp(depth, 1, MaxQueryLimit), time.GetUtcNow()));

    public Task<IReadOnlyList<Trade>> GetTrades(int limit) => ReplyWhenDurable(_market.RecentTrades(Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<Ticker> GetTicker() => ReplyWhenDurable(_market.Ticker(time.GetUtcNow()));

    private async Task<PlaceOrderResult> Repeat(TrackedOrder original, PlaceOrderCommand request, long priceTicks, long quantityLots)
    {
        if (!original.IsSameRequest(request, priceTicks, quantityLots))
            return new PlaceOrderResult(PlaceOrderOutcome.ClientOrderIdConflict, _market.ToOrder(original), []);
        var order = _market.ToOrder(original);
        var trades = _market.ArrivalTrades(original);
        await _writer.WhenDurableAsync(_market.Sequence);
        return new PlaceOrderResult(PlaceOrderOutcome.Duplicate, order, trades);
    }

    private TrackedOrder? FindOwned(string userId, string orderId) =>
        OrderIds.TryParseOrder(orderId, out var symbol, out var number) && symbol == Symbol
            && _market.Find(number) is { } order && order.UserId == userId
            ? order
            : null;

    /// <summary>Returns a read once everything it may reflect (the market as of now) is in the journal.</summary>
    private async Task<T> ReplyWhenDurable<T>(T value)
    {
        _writer.ThrowIfBroken();
        await _writer.WhenDurableAsync(_market.Sequence);
        return value;
    }

    private long NextTimestamp()
    {
        // Never let time run backwards inside one journal, whatever the wall clock does.
        return Math.Max(_market.LastTimestampMs, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static PlaceOrderResult Rejected(FieldError error) => new(PlaceOrderOutcome.Rejected, null, [], error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Market {Symbol} restored: snapshot at {SnapshotSequence}, {Replayed} commands replayed, head {Head}, {Orders} orders")]
    private partial void LogRestored(string symbol, long snapshotSequence, int replayed, long head, int orders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not claim a client_order_id; the order was refused")]
    private partial void LogClaimFailed(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} has no stream provider '" + ChannelStreams.ProviderName + "': its events are not published")]
    private partial void LogNoStreams(string symbol);
}
