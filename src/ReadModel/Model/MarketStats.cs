namespace GridTokenX.ReadModel.Model;

/// <summary>
/// API.md's market stats. The 24-hour figures cover the 1,440 one-minute candles up to and including the one holding
/// <see cref="AsOf"/>; <see cref="Vwap24h"/> = value / volume (null, like high and low, without trades).
/// </summary>
public sealed record MarketStats(
    string Symbol,
    long Trades24h,
    decimal Volume24h,
    decimal Value24h,
    decimal? Vwap24h,
    decimal? High24h,
    decimal? Low24h,
    MarketTotals AllTime,
    DateTimeOffset AsOf);
