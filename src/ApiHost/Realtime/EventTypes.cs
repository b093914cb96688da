namespace GridTokenX.ApiHost.Realtime;

/// <summary>Event type names of the v1 contract.</summary>
public static class EventTypes
{
    public const string OrderBookUpdate = "order_book_update";
    public const string TradeExecuted = "trade_executed";
    public const string PriceUpdate = "price_update";
    public const string OrderUpdate = "order_update";
    public const string TradeConfirmation = "trade_confirmation";
    public const string SettlementCompleted = "settlement_completed";
    public const string TokensMinted = "tokens_minted";
    public const string Alert = "alert";
}
