using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary><c>market_books</c>: each market's book to <c>Parameters:depth</c> levels (default 20), as <c>GET …/book</c> writes it.</summary>
public sealed class MarketBooksFunction(MarketCatalog catalog, IGrainFactory grains) : MarketWarmingFunction(catalog)
{
    public const string FunctionName = "market_books";

    public override string Name => FunctionName;

    protected override async Task<string> ViewAsync(MarketSpec spec, WarmingTask task, CancellationToken cancellationToken) =>
        MarketViewJson.Book(await Market(grains, spec).GetBook(SourceParameters.Int(task, "depth", 20, 1, 500)).ConfigureAwait(true), spec);
}
