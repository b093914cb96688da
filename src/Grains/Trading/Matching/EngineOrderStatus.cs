namespace GridTokenX.Grains.Trading.Matching;

public enum EngineOrderStatus : byte
{
    /// <summary>Resting, nothing filled.</summary>
    Open,

    /// <summary>Resting with some quantity filled.</summary>
    PartiallyFilled,

    Filled,

    /// <summary>Final; the order may still carry fills (see <see cref="EngineOrder.Filled"/>).</summary>
    Cancelled,
}
