using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// <c>price_history</c>: each market's last <c>Parameters:limit</c> trades (default 500) as price points, from the market
/// grain until the read model's candles exist (then a database source over them replaces it; docs/cache.md).
/// </summary>
public sealed class PriceHistoryFunction(MarketCatalog catalog, IGrainFactory grains) : MarketWarmingFunction(catalog)
{
    public const string FunctionName = "price_history";

    public override string Name => FunctionName;

    protected override async Task<string> ViewAsync(MarketSpec spec, WarmingTask task, CancellationToken cancellationToken) =>
        MarketViewJson.PriceHistory(spec.Symbol, await Market(grains, spec).GetTrades(SourceParameters.Int(task, "limit", 500, 1, 1000)).ConfigureAwait(true), spec);
}
