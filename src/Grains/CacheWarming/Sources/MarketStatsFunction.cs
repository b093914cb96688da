using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.ReadModel;
using GridTokenX.ReadModel.Views;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// <c>market_stats</c>: each market's statistics from the read model (<see cref="IReadModelReader.GetMarketStatsAsync"/>),
/// as <c>GET /api/v1/markets/{symbol}/stats</c> writes them.
/// </summary>
public sealed class MarketStatsFunction(MarketCatalog catalog, IReadModelReader reader, TimeProvider time) : MarketWarmingFunction(catalog)
{
    public const string FunctionName = "market_stats";

    public override string Name => FunctionName;

    protected override async Task<string> ViewAsync(MarketSpec spec, WarmingTask task, CancellationToken cancellationToken) =>
        ReadModelViewJson.MarketStats(await reader.GetMarketStatsAsync(spec.Symbol, time.GetUtcNow(), cancellationToken).ConfigureAwait(true), spec);
}
