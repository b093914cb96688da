using System.Security.Claims;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.History;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;

namespace GridTokenX.ApiHost.Trading;

/// <summary>The caller's orders and fills. Another user's order is indistinguishable from one that does not exist.</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization();

        orders.MapPost("/", PlaceOrder).WithName("PlaceOrder")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<PlaceOrderResponse>(StatusCodes.Status201Created).Produces<PlaceOrderResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(409).ProducesProblem(413).ProducesProblem(503);

        orders.MapDelete("/{orderId}", CancelOrder).WithName("CancelOrder")
            .Produces<OrderEnvelope>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(401);

        orders.MapGet("/{orderId}", GetOrder).WithName("GetOrder").Produces<OrderEnvelope>().ProducesProblem(404).ProducesProblem(401);

        orders.MapGet("/", ListOrders).WithName("ListOrders").Produces<List<OrderResponse>>().ProducesProblem(400).ProducesProblem(401)
            .ProducesProblem(503);

        app.MapGet("/api/v1/trades", ListFills).WithTags("Orders").RequireAuthorization().WithName("ListMyTrades")
            .Produces<List<UserTradeResponse>>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> PlaceOrder(HttpRequest request, ClaimsPrincipal user, MarketCatalog catalog, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        PlaceOrderRequestReader.Result read;
        using (document)
        {
            read = PlaceOrderRequestReader.Read(document!.RootElement, user.UserId(), catalog);
        }

        if (read.Command is not { } command)
        {
            return read.UnknownSymbolOnly
                ? Problems.Create(400, "unknown_symbol", "Unknown symbol", read.Errors["symbol"][0], read.Errors)
                : Problems.Validation(read.Errors);
        }

        catalog.TryGet(command.Symbol, out var spec);
        var result = await grains.GetGrain<IOrderBookGrain>(command.Symbol).PlaceOrder(command);
        switch (result.Outcome)
        {
            case PlaceOrderOutcome.Created:
            case PlaceOrderOutcome.Duplicate:
                var body = new PlaceOrderResponse(OrderResponse.From(result.Order!, spec),
                    [.. result.Trades.Select(t => TradeResponse.From(t, spec))]);
                return result.Outcome == PlaceOrderOutcome.Created
                    ? TypedResults.Created($"/api/v1/orders/{Uri.EscapeDataString(body.Order.OrderId)}", body)
                    : TypedResults.Ok(body);
            case PlaceOrderOutcome.ClientOrderIdConflict:
                return Problems.Conflict("client_order_id_conflict", "client_order_id already used",
                    "This client_order_id was already used for a different order; nothing was created.",
                    result.Order is { } original ? new Dictionary<string, object?> { ["order"] = OrderResponse.From(original, spec) } : null);
            case PlaceOrderOutcome.InsufficientFunds:
                return Problems.Create(StatusCodes.Status400BadRequest, "insufficient_funds", "Insufficient funds",
                    result.Error?.Message ?? "The account lacks what the order must reserve; nothing was placed.");
            default:
                var error = result.Error!;
                return Problems.Validation(error.Field, error.Message);
        }
    }

    private static async Task<IResult> CancelOrder(string orderId, ClaimsPrincipal user, MarketCatalog catalog, IGrainFactory grains)
    {
        if (!TryRoute(orderId, catalog, out var spec)) return Problems.OrderNotFound();
        var result = await grains.GetGrain<IOrderBookGrain>(spec.Symbol).CancelOrder(user.UserId(), orderId);
        return result.Outcome switch
        {
            CancelOrderOutcome.Cancelled => TypedResults.Ok(new OrderEnvelope(OrderResponse.From(result.Order!, spec))),
            CancelOrderOutcome.AlreadyFinal => Problems.Conflict("order_not_open", "Order is final",
                $"The order is already {WireEnums.Status(result.Order!.Status)}; nothing was changed.",
                new Dictionary<string, object?> { ["order"] = OrderResponse.From(result.Order!, spec) }),
            _ => Problems.OrderNotFound(),
        };
    }

    private static async Task<IResult> GetOrder(string orderId, ClaimsPrincipal user, MarketCatalog catalog, IGrainFactory grains,
        IReadModelReader history, CancellationToken cancellationToken)
    {
        if (!TryRoute(orderId, catalog, out var spec)) return Problems.OrderNotFound();
        var userId = user.UserId();
        var order = await grains.GetGrain<IOrderBookGrain>(spec.Symbol).GetOrder(userId, orderId);
        if (order is not null) return TypedResults.Ok(new OrderEnvelope(OrderResponse.From(order, spec)));
        // The market holds its recent orders; an older one is in the read model (another user's is not found either way).
        return await HistoryEndpoints.ReadAsync(async () =>
            await history.GetOrderAsync(orderId, cancellationToken) is { } old && old.UserId == userId
                ? TypedResults.Ok(new OrderEnvelope(OrderResponse.From(old, spec)))
                : Problems.OrderNotFound());
    }

    private static async Task<IResult> ListOrders(HttpRequest request, ClaimsPrincipal user, MarketCatalog catalog, IGrainFactory grains,
        IReadModelReader history, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryOneOf(request, "status", "open", ["open", "all"], out var status, out var problem)) return problem!;
        if (!QueryParameters.TryInt(request, "limit", 100, 1, 1000, out var limit, out problem)) return problem!;
        if (!TrySelectSymbol(request, catalog, out var symbol, out problem)) return problem!;
        if (!PageCursor.TryReadOrder(request, out var before, out problem)) return problem!;

        return await HistoryEndpoints.ReadAsync(async () =>
            await new OrderPages(grains, history, catalog).ReadAsync(user.UserId(), status == "open", symbol, before, limit, cancellationToken) is { } page
                ? TypedResults.Ok(page.Select(o => OrderResponse.From(o, Spec(catalog, o.Symbol))).ToList())
                : Problems.UnknownCursor(OrderPages.UnknownCursor));
    }

    private static async Task<IResult> ListFills(HttpRequest request, ClaimsPrincipal user, MarketCatalog catalog, IGrainFactory grains,
        IReadModelReader history, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryInt(request, "limit", 100, 1, 1000, out var limit, out var problem)) return problem!;
        if (!TrySelectSymbol(request, catalog, out var symbol, out problem)) return problem!;
        if (!PageCursor.TryReadTrade(request, out var before, out problem)) return problem!;

        var userId = user.UserId();
        return await HistoryEndpoints.ReadAsync(async () =>
            await new FillPages(grains, history, catalog).ReadAsync(userId, symbol, before, limit, cancellationToken) is { } page
                ? TypedResults.Ok(page.Select(t => UserTradeResponse.From(t, Spec(catalog, t.Symbol), userId)).ToList())
                : Problems.UnknownCursor(FillPages.UnknownCursor));
    }

    /// <summary>The <c>symbol=</c> filter: null for every market.</summary>
    private static bool TrySelectSymbol(HttpRequest request, MarketCatalog catalog, out string? selected, out IResult? problem)
    {
        selected = null;
        problem = null;
        var symbol = request.Query["symbol"];
        if (symbol.Count == 0 || (symbol.Count == 1 && string.IsNullOrEmpty(symbol[0]))) return true;
        if (symbol.Count == 1 && catalog.TryGet(symbol[0], out var spec))
        {
            selected = spec.Symbol;
            return true;
        }

        problem = Problems.UnknownSymbol(symbol.ToString());
        return false;
    }

    private static bool TryRoute(string orderId, MarketCatalog catalog, out MarketSpec spec)
    {
        spec = null!;
        return OrderIds.TryParseOrder(orderId, out var symbol, out _) && catalog.TryGet(symbol, out spec);
    }

    private static MarketSpec Spec(MarketCatalog catalog, string symbol) =>
        catalog.TryGet(symbol, out var spec) ? spec : throw new InvalidOperationException($"Grain returned unknown market {symbol}.");
}
