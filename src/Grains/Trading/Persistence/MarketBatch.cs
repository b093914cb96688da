namespace GridTokenX.Grains.Trading.Persistence;

/// <summary>The commands written to the journal in one round trip (group commit).</summary>
[GenerateSerializer]
[Alias("gtx.trading.stored.MarketBatch")]
public sealed record MarketBatch([property: Id(0)] MarketCommand[] Commands);
