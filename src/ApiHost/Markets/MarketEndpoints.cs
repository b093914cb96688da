using GridTokenX.ApiHost.History;
using GridTokenX.ApiHost.Http;
using GridTokenX.ApiHost.Trading;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;

namespace GridTokenX.ApiHost.Markets;

/// <summary>Public market data: no token needed.</summary>
public static class MarketEndpoints
{
    public static IEndpointRouteBuilder MapMarkets(this IEndpointRouteBuilder app)
    {
        var markets = app.MapGroup("/api/v1/markets").WithTags("Markets").AllowAnonymous();

        markets.MapGet("/", (MarketCatalog catalog) => TypedResults.Ok(catalog.Markets.Select(MarketResponse.From).ToList()))
            .WithName("ListMarkets");

        markets.MapGet("/{symbol}/book", async (string symbol, HttpRequest request, MarketCatalog catalog, IGrainFactory grains) =>
        {
            if (!catalog.TryGet(symbol, out var spec)) return Problems.UnknownSymbol(symbol);
            if (!QueryParameters.TryInt(request, "depth", 20, 1, 500, out var depth, out var problem)) return problem!;
            var book = await grains.GetGrain<IOrderBookGrain>(spec.Symbol).GetBook(depth);
            return TypedResults.Ok(BookResponse.From(book, spec));
        }).WithName("GetOrderBook").Produces<BookResponse>().ProducesProblem(404).ProducesProblem(400);

        markets.MapGet("/{symbol}/trades", async (string symbol, HttpRequest request, MarketCatalog catalog, IGrainFactory grains,
            IReadModelReader history, CancellationToken cancellationToken) =>
        {
            if (!catalog.TryGet(symbol, out var spec)) return Problems.UnknownSymbol(symbol);
            if (!QueryParameters.TryInt(request, "limit", 100, 1, 1000, out var limit, out var problem)) return problem!;
            if (!PageCursor.TryReadTrade(request, out var before, out problem)) return problem!;
            return await HistoryEndpoints.ReadAsync(async () =>
                await new MarketTradePages(grains, history).ReadAsync(spec.Symbol, before, limit, cancellationToken) is { } trades
                    ? TypedResults.Ok(trades.Select(t => TradeResponse.From(t, spec)).ToList())
                    : Problems.UnknownCursor(MarketTradePages.UnknownCursor));
        }).WithName("GetMarketTrades").Produces<List<TradeResponse>>().ProducesProblem(404).ProducesProblem(400).ProducesProblem(503);

        markets.MapGet("/{symbol}/ticker", async (string symbol, MarketCatalog catalog, IGrainFactory grains) =>
        {
            if (!catalog.TryGet(symbol, out var spec)) return Problems.UnknownSymbol(symbol);
            var ticker = await grains.GetGrain<IOrderBookGrain>(spec.Symbol).GetTicker();
            return TypedResults.Ok(TickerResponse.From(ticker, spec));
        }).WithName("GetTicker").Produces<TickerResponse>().ProducesProblem(404);

        return app;
    }
}
