using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Trading;

/// <summary>
/// The <c>before=</c> of a paged list (API.md "Paging"): the id of the last item of the previous page, parsed into the
/// market it names and its number there. Absent or empty: the first page. Not an id of the list's kind: 400.
/// </summary>
public sealed record PageCursor(string Id, string Symbol, long Number)
{
    public const string Parameter = "before";

    public static bool TryReadOrder(HttpRequest request, out PageCursor? cursor, out IResult? problem) =>
        TryRead(request, OrderIds.TryParseOrder, "order_id of the last order of the previous page, e.g. ENERGY-USD.42", out cursor, out problem);

    public static bool TryReadTrade(HttpRequest request, out PageCursor? cursor, out IResult? problem) =>
        TryRead(request, OrderIds.TryParseTrade, "trade_id of the last trade of the previous page, e.g. ENERGY-USD.T42", out cursor, out problem);

    /// <summary>
    /// Where this cursor cuts a list filtered to <paramref name="symbol"/> (null: every market), found by
    /// <paramref name="locate"/>; null when it names no item of that list (another market, an unconfigured one, or not found).
    /// </summary>
    public async Task<ListPosition?> LocateAsync(string? symbol, MarketCatalog catalog, Func<Task<ListPosition?>> locate) =>
        (symbol is not null && Symbol != symbol) || !catalog.TryGet(Symbol, out _) ? null : await locate();

    /// <summary>The markets a list filtered to <paramref name="symbol"/> (null: every market) reads.</summary>
    public static IReadOnlyList<MarketSpec> Markets(string? symbol, MarketCatalog catalog) =>
        symbol is null ? catalog.Markets : [.. catalog.Markets.Where(m => m.Symbol == symbol)];

    private delegate bool Parse(string? id, out string symbol, out long number);

    private static bool TryRead(HttpRequest request, Parse parse, string expected, out PageCursor? cursor, out IResult? problem)
    {
        cursor = null;
        problem = null;
        var raw = request.Query[Parameter];
        if (raw.Count == 0 || (raw.Count == 1 && string.IsNullOrEmpty(raw[0]))) return true;
        if (raw.Count == 1 && parse(raw[0], out var symbol, out var number))
        {
            cursor = new PageCursor(raw[0]!, symbol, number);
            return true;
        }

        problem = Problems.Validation(Parameter, $"'{Parameter}' must be the {expected}.");
        return false;
    }
}
