namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>A market's grid and limits, bound from <c>GridTokenX:Markets:n</c>.</summary>
public sealed class MarketDefinition
{
    public string Symbol { get; set; } = "";
    public decimal TickSize { get; set; }
    public decimal LotSize { get; set; }
    public decimal MinPrice { get; set; }
    public decimal MaxPrice { get; set; }
    public decimal MinQuantity { get; set; }
    public decimal MaxQuantity { get; set; }

    public static MarketDefinition Default() => new()
    {
        Symbol = "ENERGY-USD",
        TickSize = 0.0001m,
        LotSize = 0.001m,
        MinPrice = 0.0100m,
        MaxPrice = 10.0000m,
        MinQuantity = 0.001m,
        MaxQuantity = 100000m,
    };
}
