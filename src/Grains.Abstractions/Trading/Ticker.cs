namespace GridTokenX.Grains.Abstractions.Trading;

[GenerateSerializer, Immutable]
[Alias("gtx.trading.Ticker")]
public sealed record Ticker(
    [property: Id(0)] string Symbol,
    [property: Id(1)] decimal? LastPrice,
    [property: Id(2)] decimal? BestBid,
    [property: Id(3)] decimal? BestAsk,
    [property: Id(4)] decimal Volume24h,
    [property: Id(5)] decimal? High24h,
    [property: Id(6)] decimal? Low24h,
    [property: Id(7)] decimal? ChangePercent24h);
