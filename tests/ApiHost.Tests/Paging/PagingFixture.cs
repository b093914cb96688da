using System.Collections.Concurrent;

namespace GridTokenX.ApiHost.Tests.Paging;

/// <summary>
/// The standalone host with a third market, WIND-USD, that nobody trades in through the API: its orders and trades
/// are written straight into the read model, as a market's history is once the market has trimmed it, so lists
/// must reach them through the read model alone.
/// </summary>
public sealed class PagingFixture() : ApiFixture(new Dictionary<string, string?>
{
    ["GridTokenX:Markets:2:Symbol"] = Wind,
    ["GridTokenX:Markets:2:TickSize"] = "0.01",
    ["GridTokenX:Markets:2:LotSize"] = "1",
    ["GridTokenX:Markets:2:MinPrice"] = "0.01",
    ["GridTokenX:Markets:2:MaxPrice"] = "100",
    ["GridTokenX:Markets:2:MinQuantity"] = "1",
    ["GridTokenX:Markets:2:MaxQuantity"] = "1000",
})
{
    public const string Wind = "WIND-USD";
    private long _archives;

    /// <summary>Every WIND-USD trade written so far, so a test can expect the market's whole list.</summary>
    public ConcurrentBag<string> WindTrades { get; } = [];

    /// <summary>A fresh range of order and trade numbers in WIND-USD for one archive (numbers and times grow together, as in a real market).</summary>
    public long NextArchiveBase() => Interlocked.Increment(ref _archives) * 100;
}
