namespace GridTokenX.Grains.Settlement;

/// <summary>A market's settlement progress as stored: every trade up to <see cref="SettledThrough"/> is settled.</summary>
[GenerateSerializer]
[Alias("gtx.settlement.stored.SettlementCursor")]
public sealed class SettlementCursor
{
    [Id(0)]
    public long SettledThrough { get; set; }
}
