namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>The markets this deployment trades; every silo and API host must be given the same list.</summary>
public sealed class MarketsOptions
{
    public List<MarketDefinition> Markets { get; set; } = [];
}
