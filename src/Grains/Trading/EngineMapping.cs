using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Grains.Trading;

/// <summary>
/// The engine keeps its own enums so it stays free of the wire contract; the members line up one to one
/// (a unit test holds them to that).
/// </summary>
public static class EngineMapping
{
    public static Side ToEngine(this OrderSide side) => side == OrderSide.Buy ? Side.Buy : Side.Sell;
    public static OrderSide ToContract(this Side side) => side == Side.Buy ? OrderSide.Buy : OrderSide.Sell;
    public static OrderKind ToEngine(this OrderType type) => type == OrderType.Limit ? OrderKind.Limit : OrderKind.Market;
    public static OrderType ToContract(this OrderKind kind) => kind == OrderKind.Limit ? OrderType.Limit : OrderType.Market;
    public static EngineTimeInForce ToEngine(this TimeInForce tif) => (EngineTimeInForce)(byte)tif;
    public static TimeInForce ToContract(this EngineTimeInForce tif) => (TimeInForce)(byte)tif;
    public static OrderStatus ToContract(this EngineOrderStatus status) => (OrderStatus)(byte)status;
    public static EngineOrderStatus ToEngine(this OrderStatus status) => (EngineOrderStatus)(byte)status;
    public static CancelReason ToContract(this EngineCancelReason reason) => (CancelReason)(byte)reason;
    public static EngineCancelReason ToEngine(this CancelReason reason) => (EngineCancelReason)(byte)reason;
}
