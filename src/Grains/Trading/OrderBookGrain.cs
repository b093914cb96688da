using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Accounts;
using GridTokenX.Grains.Settlement;
using GridTokenX.Grains.Trading.Persistence;
using GridTokenX.Redis.Journal;
using GridTokenX.Redis.Money;
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
    IOrderNumberBlocks orderNumbers,
    IMoneyStore money,
    MarketCatalog catalog,
    Serializer serializer,
    TimeProvider time,
    IOptions<TradingOptions> options,
    IOptions<SettlementOptions> settlement,
    IOptions<FaucetOptions> faucet,
    TradingMetrics metrics,
    ILogger<OrderBookGrain> logger) : Grain, IOrderBookGrain
{
    private const int MaxQueryLimit = 1000;

    /// <summary>
    /// A <see cref="TimeProvider"/> registered under this key is the markets' clock (tests move it days ahead to see
    /// history trimmed); otherwise the host's.
    /// </summary>
    public const string ClockKey = "gtx.trading.clock";

    /// <summary>
    /// An order whose reservation is older than this is given up instead of placed. The reservation sweeper releases a
    /// reservation the market does not know only once it is much older (<see cref="ReservationSweeper.OrphanAge"/>),
    /// so an order is never placed after its reservation was released, even if two activations briefly coexist.
    /// </summary>
    public static readonly TimeSpan PlacementDeadline = TimeSpan.FromSeconds(5);

    private readonly PlacementQueue _placements = new();
    private readonly HashSet<long> _inFlight = [];
    private readonly Dictionary<(string User, string ClientOrderId), Task> _placing = [];
    private OrderNumberSource _numbers = null!;
    private MoneyWriteBatcher _money = null!;
    private bool _settlementWoken;

    private Market _market = null!;
    private TimeProvider _time = null!;
    private MarketEventPublisher _publisher = null!;
    private MarketJournalWriter _writer = null!;

    private string Symbol => _market.Spec.Symbol;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var symbol = this.GetPrimaryKeyString();
        _time = ServiceProvider.GetKeyedService<TimeProvider>(ClockKey) ?? time;
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

        _numbers = new OrderNumberSource(orderNumbers, symbol);
        _money = new MoneyWriteBatcher(money);
        var settings = options.Value;
        var checkpoints = new MarketCheckpointer(_market, serializer, settings.SnapshotEvery, contents.SnapshotSequence, settings.HistoryRetention);
        _writer = new MarketJournalWriter(journal, serializer, _market, checkpoints, _publisher, settings, time, metrics, logger, DeactivateOnIdle);
        LogRestored(symbol, contents.SnapshotSequence, recovered.Replayed, contents.Head, _market.OrderCount, _market.Trades.Count, _market.SegmentsRetained,
            _market.SegmentsBefore);
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
        if (command.ClientOrderId is not { } clientOrderId) return await PlaceFunded(command, priceTicks, quantityLots);

        var key = (command.UserId, clientOrderId);
        // A twin of this request that is still reserving or being placed: its outcome decides this one's.
        while (_placing.TryGetValue(key, out var twin)) await twin;
        if (_market.FindByClientOrderId(command.UserId, clientOrderId) is { } original)
            return await Repeat(original, command, priceTicks, quantityLots);

        var placing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _placing[key] = placing.Task;
        try
        {
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
            return await PlaceFunded(command, priceTicks, quantityLots);
        }
        finally
        {
            _placing.Remove(key);
            placing.TrySetResult();
        }
    }

    /// <summary>
    /// Takes the order's number, reserves what it could spend, and matches it once every order numbered before it has
    /// been placed or given up (<see cref="PlacementQueue"/>). A reservation whose order is then not placed (the
    /// store did not answer, the placement deadline passed, the activation died) is released by the
    /// <see cref="Accounts.ReservationSweeper"/>: the market answers <see cref="ReservationStatus.Unknown"/> for it.
    /// </summary>
    private async Task<PlaceOrderResult> PlaceFunded(PlaceOrderCommand command, long priceTicks, long quantityLots)
    {
        var spec = _market.Spec;
        var feeRate = settlement.Value.FeeRate;
        long number;
        try
        {
            number = await _numbers.NextAsync(_market.NextOrderNumber);
        }
        catch (ClientOrderIdRegistryUnavailableException ex)
        {
            LogClaimFailed(ex, spec.Symbol);
            throw new MarketUnavailableException($"Market {spec.Symbol} could not number the order; nothing was placed. Retry shortly.");
        }

        // A market buy is priced on arrival: bounded by the deepest ask its quantity reaches now.
        var limitTicks = command.Type == OrderType.Limit ? priceTicks
            : command.Side == OrderSide.Buy ? _market.AskPriceReachedBy(quantityLots) ?? 0 : 0;
        var turn = _placements.Enter();
        _inFlight.Add(number);
        try
        {
            var orderId = OrderIds.Order(spec.Symbol, number);
            if (OrderFunding.Need(spec, command.Side, limitTicks, quantityLots, feeRate) is { } need)
            {
                var started = time.GetTimestamp();
                MoneyWriteResult reserved;
                try
                {
                    reserved = await _money.ApplyAsync(ReservationWrites.Reserve(orderId, command.UserId, need.Asset, need.Amount, time.GetUtcNow()));
                    if (reserved.Status == MoneyWriteStatus.InsufficientFunds && faucet.Value.For(need.Asset) is > 0 and var gift)
                    {
                        await _money.ApplyAsync(ReservationWrites.Faucet(command.UserId, need.Asset, gift, time.GetUtcNow()));
                        reserved = await _money.ApplyAsync(ReservationWrites.Reserve(orderId, command.UserId, need.Asset, need.Amount, time.GetUtcNow()));
                    }
                }
                catch (Exception ex) when (ex is MoneyStoreUnavailableException or TimeoutException)
                {
                    LogReserveFailed(ex, spec.Symbol, orderId);
                    throw new MarketUnavailableException($"Market {spec.Symbol} could not reserve funds; nothing was placed. Retry shortly.");
                }

                if (reserved.Status == MoneyWriteStatus.InsufficientFunds)
                {
                    return new PlaceOrderResult(PlaceOrderOutcome.InsufficientFunds, null, [],
                        new FieldError("quantity", $"Not enough {need.Asset} available: the order must reserve {need.Amount} {need.Asset}."));
                }

                if (reserved.Status is not (MoneyWriteStatus.Applied or MoneyWriteStatus.Duplicate))
                {
                    LogReserveRefused(spec.Symbol, orderId, reserved.Status);
                    throw new MarketUnavailableException($"Market {spec.Symbol} could not reserve funds; nothing was placed. Retry shortly.");
                }

                await turn.Before;
                // Past the deadline the sweeper may already treat the reservation as an orphan; give the order up.
                if (time.GetElapsedTime(started) > PlacementDeadline)
                    throw new MarketUnavailableException($"Market {spec.Symbol} took too long to place the order; nothing was placed. Retry shortly.");
            }
            else
            {
                await turn.Before;
                // Only a market buy that found no asks on arrival reserves nothing (it is priced at 0, which the engine
                // reads as "any price"). If asks arrived while earlier orders went first, it would now trade with nothing
                // reserved, and its trades could never settle: give it up instead; a retry is priced and funded.
                if (command.Type == OrderType.Market && command.Side == OrderSide.Buy && _market.AskPriceReachedBy(quantityLots) is not null)
                    throw new MarketUnavailableException($"Market {spec.Symbol} changed while the order waited its turn; nothing was placed. Retry shortly.");
            }

            _writer.ThrowIfBroken();
            var place = new PlaceCommand(_market.Sequence + 1, NextTimestamp(), number, command.UserId, command.ClientOrderId,
                command.Side, command.Type, command.Type == OrderType.Market ? TimeInForce.Ioc : command.TimeInForce, limitTicks,
                quantityLots, feeRate);
            var order = _market.Place(place);
            var result = new PlaceOrderResult(PlaceOrderOutcome.Created, _market.ToOrder(order), _market.ArrivalTrades(order));
            turn.Leave();
            await _writer.Append(place, _publisher.Enabled ? MarketEventBuilder.ForPlace(_market, order, result.Order, result.Trades) : null);
            if (result.Trades.Count > 0) WakeSettlement();
            await ReleaseUnspent(order);
            return result;
        }
        finally
        {
            _inFlight.Remove(number);
            turn.Leave();
        }
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
        await ReleaseUnspent(order);
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

    public Task<IReadOnlyList<Order>> GetUserOrdersBefore(string userId, bool openOnly, ListPosition? before, int limit) =>
        ReplyWhenDurable(_market.UserOrders(userId, openOnly, before, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<IReadOnlyList<Trade>> GetUserTrades(string userId, int limit) =>
        ReplyWhenDurable(_market.UserTrades(userId, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<IReadOnlyList<Trade>> GetUserTradesBefore(string userId, ListPosition? before, int limit) =>
        ReplyWhenDurable(_market.UserTrades(userId, before, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<Trade?> GetTrade(string tradeId) =>
        ReplyWhenDurable(OrderIds.TryParseTrade(tradeId, out var symbol, out var number) && symbol == Symbol && _market.FindTrade(number) is { } trade ? _market.ToTrade(trade) : null);

    public Task<OrderBookView> GetBook(int depth) => ReplyWhenDurable(_market.Book(Math.Clamp(depth, 1, MaxQueryLimit), _time.GetUtcNow()));

    public Task<IReadOnlyList<Trade>> GetTrades(int limit) => ReplyWhenDurable(_market.RecentTrades(Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<IReadOnlyList<Trade>> GetTradesBefore(long? beforeNumber, int limit) =>
        ReplyWhenDurable(_market.RecentTrades(beforeNumber, Math.Clamp(limit, 1, MaxQueryLimit)));

    public Task<Ticker> GetTicker() => ReplyWhenDurable(_market.Ticker(_time.GetUtcNow()));

    public async Task<IReadOnlyList<SettleableTrade>> GetTradesToSettle(long afterTrade, int max)
    {
        _writer.ThrowIfBroken();
        _settlementWoken = false;
        // Settlement asks after its cursor: every trade up to it is settled, so history up to it may be trimmed.
        _market.SettledThrough(afterTrade);
        var trades = _market.Trades;
        // A cursor behind the trimmed trades (lost and restarted) resumes at the first retained one: trimmed ones were settled.
        var from = (int)Math.Clamp(afterTrade - _market.TradesBefore, 0, trades.Count);
        var list = new List<SettleableTrade>(Math.Min(Math.Clamp(max, 1, MaxQueryLimit), trades.Count - from));
        for (var i = from; i < trades.Count && list.Count < list.Capacity; i++) list.Add(_market.ToSettleable(trades[i]));
        // Only what is in the journal may be settled: a trade the journal could still lose must not move money.
        await _writer.WhenDurableAsync(_market.Sequence);
        return list;
    }

    public async Task<SettleableTrade?> GetTradeToSettle(long number)
    {
        _writer.ThrowIfBroken();
        var trade = _market.FindTrade(number) is { } t ? _market.ToSettleable(t) : null;
        await _writer.WhenDurableAsync(_market.Sequence);
        return trade;
    }

    public async Task<ReadModelChanges> GetReadModelChanges(long afterSequence, int max)
    {
        _writer.ThrowIfBroken();
        // The projector asks after the position it stored with the rows: the read model durably holds everything up to it.
        _market.ReadModelHolds(afterSequence);
        var slice = _market.Changes.After(afterSequence, _market.Sequence, Math.Clamp(max, 1, MaxQueryLimit));
        var list = new Trade[slice.TradeCount];
        for (var i = 0; i < list.Length; i++) list[i] = _market.ToTrade(_market.FindTrade(slice.FirstTradeNumber + i)!);
        var orders = slice.OrderNumbers.Select(n => _market.ToOrder(_market.Find(n)!)).ToList();
        // Only what is in the journal may reach the read model: it must never hold a trade the market could lose.
        await _writer.WhenDurableAsync(_market.Sequence);
        return new ReadModelChanges(slice.UpTo, list, orders);
    }

    public async Task<IReadOnlyList<OrderReservationState>> ResolveReservations(IReadOnlyList<string> orderIds)
    {
        _writer.ThrowIfBroken();
        // An order the journal could still lose is not yet an answer: wait until what the market holds is durable.
        await _writer.WhenDurableAsync(_market.Sequence);
        var answers = new List<OrderReservationState>(orderIds.Count);
        foreach (var orderId in orderIds)
        {
            if (!OrderIds.TryParseOrder(orderId, out var symbol, out var number) || symbol != Symbol)
            {
                answers.Add(new OrderReservationState(orderId, ReservationStatus.Unknown, 0m));
                continue;
            }

            // One being reserved or placed right now is Live although the market has not seen it yet.
            var order = _market.Find(number);
            answers.Add(order is null
                ? new OrderReservationState(orderId, _inFlight.Contains(number) ? ReservationStatus.Live : ReservationStatus.Unknown, 0m)
                : order.IsFinal
                    ? new OrderReservationState(orderId, ReservationStatus.Final, OrderFunding.Unspent(_market.Spec, order))
                    : new OrderReservationState(orderId, ReservationStatus.Live, 0m));
        }

        return answers;
    }

    /// <summary>
    /// Hands back what a final order reserved and can no longer spend, before the reply that made it final. If the
    /// store cannot be reached the reply still goes out (the order is final and durable) and the sweeper releases it.
    /// </summary>
    private async Task ReleaseUnspent(TrackedOrder order)
    {
        if (!order.IsFinal) return;
        var unspent = OrderFunding.Unspent(_market.Spec, order);
        if (unspent <= 0) return;
        var orderId = OrderIds.Order(Symbol, order.Number);
        var asset = OrderFunding.AssetOf(order.Engine.Side.ToContract());
        try
        {
            var released = await _money.ApplyAsync(ReservationWrites.Release(orderId, order.UserId, asset, unspent, time.GetUtcNow()));
            if (released.Status is not (MoneyWriteStatus.Applied or MoneyWriteStatus.Duplicate))
                LogReleaseRefused(Symbol, orderId, released.Status);
        }
        catch (Exception ex) when (ex is MoneyStoreUnavailableException or TimeoutException)
        {
            LogReleaseFailed(ex, Symbol, orderId);
        }
    }

    /// <summary>Tells the market's settler that trades are waiting, at most once per time it asks for them.</summary>
    private void WakeSettlement()
    {
        if (_settlementWoken) return;
        _settlementWoken = true;
        GrainFactory.GetGrain<ISettlementGrain>(Symbol).Wake().Ignore();
    }

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
        return Math.Max(_market.LastTimestampMs, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static PlaceOrderResult Rejected(FieldError error) => new(PlaceOrderOutcome.Rejected, null, [], error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Market {Symbol} restored: snapshot at {SnapshotSequence}, {Replayed} commands replayed, head {Head}, {Orders} orders and {Trades} trades in memory from {Segments} history segments ({Trimmed} trimmed)")]
    private partial void LogRestored(string symbol, long snapshotSequence, int replayed, long head, int orders, int trades, int segments, int trimmed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not claim a client_order_id; the order was refused")]
    private partial void LogClaimFailed(Exception exception, string symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not reserve funds for {OrderId}; the order was refused")]
    private partial void LogReserveFailed(Exception exception, string symbol, string orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Market {Symbol}: the store refused the reservation of {OrderId} ({Status}); the order was refused")]
    private partial void LogReserveRefused(string symbol, string orderId, MoneyWriteStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} could not release what {OrderId} left unspent; the reservation sweeper will")]
    private partial void LogReleaseFailed(Exception exception, string symbol, string orderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Market {Symbol}: the store refused the release of {OrderId} ({Status})")]
    private partial void LogReleaseRefused(string symbol, string orderId, MoneyWriteStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Market {Symbol} has no stream provider '" + ChannelStreams.ProviderName + "': its events are not published")]
    private partial void LogNoStreams(string symbol);
}
