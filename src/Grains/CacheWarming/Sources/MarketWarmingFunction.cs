using System.Runtime.CompilerServices;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// A computed function with one entry per configured market, keyed by the task's pattern with <c>{symbol}</c> filled; asks
/// only the markets whose keys are wanted (their grains, or the read model).
/// </summary>
public abstract class MarketWarmingFunction(MarketCatalog catalog) : IComputedWarmingFunction
{
    public abstract string Name { get; }

    public async IAsyncEnumerable<WarmedEntry> ComputeAsync(WarmingTask task, IReadOnlyCollection<string>? keys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        foreach (var market in catalog.Markets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = task.KeyPattern.Fill(name => name == "symbol" ? market.Symbol : null);
            if (key is null || (keys is not null && !keys.Contains(key))) continue;
            yield return new WarmedEntry(key, await ViewAsync(market, task, cancellationToken).ConfigureAwait(true));
        }
    }

    protected static IOrderBookGrain Market(IGrainFactory grains, MarketSpec spec) => grains.GetGrain<IOrderBookGrain>(spec.Symbol);

    protected abstract Task<string> ViewAsync(MarketSpec spec, WarmingTask task, CancellationToken cancellationToken);
}
