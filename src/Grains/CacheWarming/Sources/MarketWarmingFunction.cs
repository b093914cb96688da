using System.Runtime.CompilerServices;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>
/// A computed function with one entry per configured market, keyed by the task's pattern with <c>{symbol}</c> filled; asks
/// only the markets whose keys are wanted.
/// </summary>
public abstract class MarketWarmingFunction(MarketCatalog catalog, IGrainFactory grains) : IComputedWarmingFunction
{
    public abstract string Name { get; }

    protected IGrainFactory Grains => grains;

    public async IAsyncEnumerable<WarmedEntry> ComputeAsync(WarmingTask task, IReadOnlyCollection<string>? keys,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        foreach (var market in catalog.Markets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var key = task.KeyPattern.Fill(name => name == "symbol" ? market.Symbol : null);
            if (key is null || (keys is not null && !keys.Contains(key))) continue;
            yield return new WarmedEntry(key, await ViewAsync(grains.GetGrain<IOrderBookGrain>(market.Symbol), market, task).ConfigureAwait(true));
        }
    }

    protected abstract Task<string> ViewAsync(IOrderBookGrain market, MarketSpec spec, WarmingTask task);

    protected static int IntParameter(WarmingTask task, string name, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Source.Parameters.TryGetValue(name, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
    }
}
