using GridTokenX.Grains.Trading.Matching;

namespace GridTokenX.Bench.Engine;

/// <summary>One precomputed workload step. Kept as a plain struct so generating it costs nothing at run time.</summary>
public readonly record struct BenchCommand(bool IsCancel, long Id, string UserId, Side Side, EngineTimeInForce Tif, long Price, long Quantity)
{
    /// <summary>A fresh engine order for this command; orders are single-use, so each replay needs new ones.</summary>
    public EngineOrder ToOrder() => EngineOrder.Limit(Id, UserId, Side, Price, Quantity, Tif);
}
