using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Trading;

/// <summary>An order of one market: the engine's live order plus what the exchange tracks around it.</summary>
public sealed class MarketOrder(EngineOrder engine, string? clientOrderId, long createdAtMs, int arrivalTradeIndex)
{
    public EngineOrder Engine { get; } = engine;
    public string? ClientOrderId { get; } = clientOrderId;
    public long CreatedAtMs { get; } = createdAtMs;
    public long UpdatedAtMs { get; set; } = createdAtMs;

    /// <summary>Index in the market's trade list of the first fill this order made on arrival.</summary>
    public int ArrivalTradeIndex { get; } = arrivalTradeIndex;
    public int ArrivalTradeCount { get; set; }

    public long Number => Engine.Id;
    public string UserId => Engine.UserId;
    public bool IsFinal => Engine.Status is EngineOrderStatus.Filled or EngineOrderStatus.Cancelled;
}
