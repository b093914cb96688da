namespace GridTokenX.Grains.Trading.Matching;

/// <summary>
/// One execution. <see cref="Maker"/> and <see cref="Taker"/> are live engine objects, so their
/// state reflects later events; copy what you need before placing the next order.
/// </summary>
public readonly record struct Fill(EngineOrder Maker, EngineOrder Taker, long Price, long Quantity);
