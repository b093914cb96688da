using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.Settlement;

/// <summary>One per market: settles its trades exactly once, in trade order, from the market's journal.</summary>
[Alias("gtx.settlement.ISettlementGrain")]
public interface ISettlementGrain : IGrainWithStringKey
{
    /// <summary>New trades may be durable (or: make sure the settler runs). Cheap and safe to call at any time.</summary>
    [OneWay]
    [Alias("Wake")]
    Task Wake();

    /// <summary>The trade's settlement (pending or settled); null for a trade that does not exist.</summary>
    [Alias("GetSettlement")]
    Task<TradeSettlement?> GetSettlement(string tradeId);
}
