using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary><c>market_tickers</c>: each market's ticker, as <c>GET /api/v1/markets/{symbol}/ticker</c> writes it.</summary>
public sealed class MarketTickersFunction(MarketCatalog catalog, IGrainFactory grains) : MarketWarmingFunction(catalog)
{
    public const string FunctionName = "market_tickers";

    public override string Name => FunctionName;

    protected override async Task<string> ViewAsync(MarketSpec spec, WarmingTask task, CancellationToken cancellationToken) =>
        MarketViewJson.Ticker(await Market(grains, spec).GetTicker().ConfigureAwait(true), spec);
}
