using System.Text.Json;

namespace GridTokenX.Bench.FanoutClient;

public enum EventKind
{
    Other,
    TradeExecuted,
    PriceUpdate,
    OrderBookUpdate,
}

/// <summary>The market channel's event types (API.md), counted separately so a run shows its mix.</summary>
public static class EventKinds
{
    public static readonly EventKind[] All = Enum.GetValues<EventKind>();

    public static EventKind Of(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("trade_executed"u8) ? EventKind.TradeExecuted
        : reader.ValueTextEquals("price_update"u8) ? EventKind.PriceUpdate
        : reader.ValueTextEquals("order_book_update"u8) ? EventKind.OrderBookUpdate
        : EventKind.Other;

    public static string Name(EventKind kind) => kind switch
    {
        EventKind.TradeExecuted => "trade_executed",
        EventKind.PriceUpdate => "price_update",
        EventKind.OrderBookUpdate => "order_book_update",
        _ => "other",
    };
}
