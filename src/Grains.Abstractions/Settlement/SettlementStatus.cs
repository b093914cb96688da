namespace GridTokenX.Grains.Abstractions.Settlement;

[GenerateSerializer]
[Alias("gtx.settlement.SettlementStatus")]
public enum SettlementStatus : byte
{
    Pending,
    Settled,
}
