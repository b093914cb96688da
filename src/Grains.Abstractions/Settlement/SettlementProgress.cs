namespace GridTokenX.Grains.Abstractions.Settlement;

/// <param name="SettledThrough">Every trade up to this number is settled (durably recorded).</param>
/// <param name="LatestTrade">The market's newest durable trade number.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.settlement.SettlementProgress")]
public sealed record SettlementProgress(
    [property: Id(0)] long SettledThrough,
    [property: Id(1)] long LatestTrade,
    [property: Id(2)] int Attempts);
