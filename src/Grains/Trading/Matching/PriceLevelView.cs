namespace GridTokenX.Grains.Trading.Matching;

/// <summary>Aggregated depth entry: total remaining quantity and number of orders at one price.</summary>
public readonly record struct PriceLevelView(long Price, long Quantity, int OrderCount);
