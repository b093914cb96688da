using GridTokenX.Grains.Abstractions.Settlement;

namespace GridTokenX.Grains.Abstractions.Events;

[GenerateSerializer, Immutable]
[Alias("gtx.events.SettlementPayload")]
public sealed record SettlementPayload([property: Id(0)] TradeSettlement Settlement) : EventPayload;
