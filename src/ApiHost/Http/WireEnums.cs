using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.ApiHost.Http;

/// <summary>Enum values as API.md spells them: lower snake_case strings.</summary>
public static class WireEnums
{
    public static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    public static string Type(OrderType type) => type == OrderType.Limit ? "limit" : "market";

    public static string TimeInForce(TimeInForce tif) => tif switch
    {
        Grains.Abstractions.Trading.TimeInForce.Gtc => "gtc",
        Grains.Abstractions.Trading.TimeInForce.Ioc => "ioc",
        _ => "fok",
    };

    public static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Open => "open",
        OrderStatus.PartiallyFilled => "partially_filled",
        OrderStatus.Filled => "filled",
        _ => "cancelled",
    };

    public static string? CancelReason(CancelReason reason) => reason switch
    {
        Grains.Abstractions.Trading.CancelReason.None => null,
        Grains.Abstractions.Trading.CancelReason.UserRequested => "user_requested",
        Grains.Abstractions.Trading.CancelReason.IocRemainder => "ioc_remainder",
        Grains.Abstractions.Trading.CancelReason.FokUnfilled => "fok_unfilled",
        Grains.Abstractions.Trading.CancelReason.SelfTrade => "self_trade",
        _ => "no_liquidity",
    };
}
