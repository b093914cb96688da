using System.Collections.Concurrent;
using System.Net;

namespace GridTokenX.EndToEnd.Tests.Infrastructure;

/// <summary>An acknowledged placement: what was asked and what the exchange answered.</summary>
public sealed record AckedPlacement(PlaceOrderRequest Request, OrderDto Order, IReadOnlyList<TradeDto> Trades, int Attempts);

/// <summary>
/// A trader with a retrying client: places random crossing orders (limit gtc/ioc/fok and market) and now and then
/// cancels one of its open orders. A request that fails transiently is repeated identically (same
/// client_order_id) until it gets an answer. Anything the contract forbids is recorded in <see cref="Violations"/>.
/// </summary>
public sealed class SimulatedUser(string userId, string token, Api api, int seed, Action onAcknowledged)
{
    private static readonly TimeSpan OperationDeadline = TimeSpan.FromSeconds(90);

    private readonly Random _random = new(seed);
    private readonly List<OrderDto> _open = [];

    public string UserId { get; } = userId;
    public string Token { get; } = token;
    public int Seed { get; } = seed;

    /// <summary>Every placement sent, by client_order_id (acknowledged or not).</summary>
    public Dictionary<string, PlaceOrderRequest> Attempted { get; } = new(StringComparer.Ordinal);

    public List<AckedPlacement> Acked { get; } = [];

    /// <summary>Order ids whose cancel was acknowledged with 200.</summary>
    public List<string> AckedCancels { get; } = [];

    public ConcurrentQueue<string> Violations { get; } = new();

    public int Retries { get; private set; }

    public int Unanswered { get; private set; }

    /// <summary>Trades until <paramref name="stop"/>, one operation per permit taken from <paramref name="budget"/>.</summary>
    public async Task RunAsync(SemaphoreSlim budget, CancellationToken stop)
    {
        var n = 0;
        while (true)
        {
            try
            {
                await budget.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (_open.Count > 0 && _random.Next(100) < 25) await CancelOneAsync();
            else await PlaceOneAsync($"{UserId}-{n++}");
        }
    }

    private async Task PlaceOneAsync(string clientOrderId)
    {
        var request = RandomOrder(clientOrderId);
        Attempted[clientOrderId] = request;
        var (reply, attempts) = await api.SendWithRetryAsync(HttpMethod.Post, "/api/v1/orders", Token, request.ToBody(), OperationDeadline);
        Retries += attempts - 1;
        if (reply is null)
        {
            Unanswered++;
            return;
        }

        if (reply.Status == HttpStatusCode.Created || (reply.Status == HttpStatusCode.OK && attempts > 1))
        {
            var (order, trades) = reply.As<PlaceOrderResponseDto>();
            Acked.Add(new AckedPlacement(request, order, trades, attempts));
            if (order.IsOpen) _open.Add(order);
            onAcknowledged();
        }
        else
        {
            // 200 on a first attempt would mean the client_order_id was already used: another order got it.
            Violations.Enqueue($"POST {clientOrderId} (attempt {attempts}) answered {reply}");
        }
    }

    private async Task CancelOneAsync()
    {
        var index = _random.Next(_open.Count);
        var order = _open[index];
        _open.RemoveAt(index);
        var (reply, attempts) = await api.SendWithRetryAsync(HttpMethod.Delete, $"/api/v1/orders/{order.OrderId}", Token, null,
            OperationDeadline);
        Retries += attempts - 1;
        if (reply is null)
        {
            Unanswered++;
            return;
        }

        switch (reply.Status)
        {
            case HttpStatusCode.OK:
                var cancelled = reply.As<OrderEnvelopeDto>().Order;
                if (cancelled.Status != "cancelled") Violations.Enqueue($"DELETE {order.OrderId} answered 200 with {cancelled}");
                AckedCancels.Add(order.OrderId);
                onAcknowledged();
                break;
            case HttpStatusCode.Conflict when reply.ProblemCode() == "order_not_open":
                break; // filled meanwhile, or our own earlier attempt went through before its answer was lost
            default:
                Violations.Enqueue($"DELETE {order.OrderId} (attempt {attempts}) answered {reply}");
                break;
        }
    }

    private PlaceOrderRequest RandomOrder(string clientOrderId)
    {
        var side = _random.Next(2) == 0 ? "buy" : "sell";
        var quantity = Dec.Quantity(_random.Next(500, 5001) / 1000m);
        if (_random.Next(100) < 12) return PlaceOrderRequest.Market(side, quantity, clientOrderId);

        // Buys 0.1030-0.1080 and sells 0.1020-0.1070: the bands overlap, so most orders meet a counterparty.
        var ticks = side == "buy" ? _random.Next(1030, 1081) : _random.Next(1020, 1071);
        var tif = _random.Next(100) switch
        {
            < 60 => "gtc",
            < 80 => "ioc",
            _ => "fok",
        };
        return PlaceOrderRequest.Limit(side, Dec.Price(ticks / 10000m), quantity, tif, clientOrderId);
    }
}
