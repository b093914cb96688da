using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using GridTokenX.ReadModel.Model;
using GridTokenX.ReadModel.Views;
using GridTokenX.Redis.Caching;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.History;

/// <summary>
/// Candles, market statistics, token metadata and the caller's profile: figures the read model keeps as trades and
/// mints arrive (docs/read-model.md), read straight from it. They trail the markets by the projector's lag.
/// </summary>
public static class HistoryEndpoints
{
    public const int MaxCandles = 1000;
    public const int DefaultCandles = 500;

    /// <summary>
    /// How long a view this host produced itself (a miss) is served from the cache: within the 5 s
    /// staleness bound. What keeps the views people read most warm is the warmers' interval, not this (docs/cache.md).
    /// </summary>
    public static readonly TimeSpan CachedFor = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        var markets = app.MapGroup("/api/v1/markets").WithTags("Markets").AllowAnonymous();
        markets.MapGet("/{symbol}/candles", GetCandles).WithName("GetCandles").Produces<List<CandleResponse>>()
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);
        markets.MapGet("/{symbol}/stats", GetStats).WithName("GetMarketStats").Produces<MarketStatsResponse>()
            .ProducesProblem(404).ProducesProblem(503);
        app.MapGet("/api/v1/tokens/{asset}", GetToken).WithTags("Tokens").AllowAnonymous().WithName("GetToken").Produces<TokenResponse>()
            .ProducesProblem(404).ProducesProblem(503);
        app.MapGet("/api/v1/account/profile", GetProfile).WithTags("Accounts").RequireAuthorization().WithName("GetProfile")
            .Produces<ProfileResponse>().ProducesProblem(401).ProducesProblem(503);
        return app;
    }

    private static async Task<IResult> GetCandles(string symbol, HttpRequest request, MarketCatalog catalog, IReadModelReader reader,
        IReadCache cache, IOptions<JsonOptions> json, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!catalog.TryGet(symbol, out var spec)) return Problems.UnknownSymbol(symbol);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var interval = CandleInterval.OneMinute;
        var rawInterval = request.Query["interval"];
        if (rawInterval.Count > 0 && (rawInterval.Count > 1 || !CandleIntervals.TryParse(rawInterval[0], out interval)))
            errors["interval"] = ["'interval' must be one of: " + string.Join(", ", CandleIntervals.All.Select(i => i.Name())) + "."];
        var end = time.GetUtcNow();
        var rawEnd = request.Query["end"];
        if (rawEnd.Count > 0 && (rawEnd.Count > 1 || !Rfc3339.TryParse(rawEnd[0], out end)))
            errors["end"] = ["'end' must be an RFC 3339 date-time, e.g. 2026-11-25T12:00:00.000Z."];
        if (!QueryParameters.TryInt(request, "limit", DefaultCandles, 1, MaxCandles, out var limit, out _))
            errors["limit"] = [$"'limit' must be a whole number from 1 to {MaxCandles}."];
        if (errors.Count > 0) return Problems.Validation(errors);

        async Task<List<CandleResponse>> ReadCandlesAsync(CancellationToken ct) =>
            [.. (await reader.GetCandlesAsync(spec.Symbol, interval, end, limit, ct)).Select(c => CandleResponse.From(c, spec))];

        // The latest candles (no end) are what charts poll: served from the cache, fresh within CachedFor. A given end is
        // a page of history, read straight from the database.
        if (rawEnd.Count > 0) return await ReadAsync(async () => TypedResults.Ok(await ReadCandlesAsync(cancellationToken)));
        return await ReadAsync(async () => Json(await cache.GetOrAddAsync(CacheKeys.LatestCandles(spec.Symbol, interval.Name(), limit),
            async ct => JsonSerializer.Serialize(await ReadCandlesAsync(ct), json.Value.SerializerOptions), CachedFor, cancellationToken)));
    }

    private static async Task<IResult> GetStats(string symbol, MarketCatalog catalog, IReadModelReader reader, IReadCache cache, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!catalog.TryGet(symbol, out var spec)) return Problems.UnknownSymbol(symbol);
        return await ReadAsync(async () => Json(await cache.GetOrAddAsync(CacheKeys.Stats(spec.Symbol), async ct =>
            ReadModelViewJson.MarketStats(await reader.GetMarketStatsAsync(spec.Symbol, time.GetUtcNow(), ct), spec), CachedFor, cancellationToken)));
    }

    private static async Task<IResult> GetToken(string asset, IReadModelReader reader, IReadCache cache, IOptions<JsonOptions> json, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Only the energy token is minted; USD is deposited, not a token with metadata.
        if (asset != "KWH") return Problems.Create(404, "unknown_asset", "Unknown asset", $"There is no token '{Problems.Truncate(asset)}'; the token is KWH.");
        return await ReadAsync(async () => Json(await cache.GetOrAddAsync(CacheKeys.TokenFigures(asset), async ct =>
            JsonSerializer.Serialize(TokenResponse.From(await reader.GetTokenMetadataAsync(time.GetUtcNow(), ct)), json.Value.SerializerOptions),
            CachedFor, cancellationToken)));
    }

    private static async Task<IResult> GetProfile(ClaimsPrincipal user, IReadModelReader reader, IReadCache cache, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        return await ReadAsync(async () => Json(await cache.GetOrAddAsync(CacheKeys.Profile(userId), async ct =>
            ReadModelViewJson.Profile(await reader.GetUserProfileAsync(userId, time.GetUtcNow(), ct)), CachedFor, cancellationToken)));
    }

    // A cached view is served as the text it was stored as (the warmers write the same text: ReadModelViewJson).
    private static IResult Json(CachedView view) => TypedResults.Text(view.Json, "application/json; charset=utf-8");

    /// <summary>The database not answering is a dependency down (503), never a 500.</summary>
    public static async Task<IResult> ReadAsync(Func<Task<IResult>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (IsDatabaseDown(ex))
        {
            return Problems.Unavailable("The history database is not answering; retry shortly.");
        }
    }

    // The cache may hand a producer's failure on wrapped; what matters is whether the database is behind it.
    private static bool IsDatabaseDown(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is DbException or TimeoutException) return true;
        return false;
    }
}
