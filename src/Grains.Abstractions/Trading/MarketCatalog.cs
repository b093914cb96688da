namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>The validated set of markets, looked up by symbol.</summary>
public sealed class MarketCatalog
{
    private readonly Dictionary<string, MarketSpec> _bySymbol;

    private MarketCatalog(IReadOnlyList<MarketSpec> markets)
    {
        Markets = markets;
        _bySymbol = markets.ToDictionary(m => m.Symbol, StringComparer.Ordinal);
    }

    public IReadOnlyList<MarketSpec> Markets { get; }

    public bool TryGet(string? symbol, out MarketSpec spec)
    {
        if (symbol is not null && _bySymbol.TryGetValue(symbol, out var found))
        {
            spec = found;
            return true;
        }

        spec = null!;
        return false;
    }

    /// <summary>Validates every definition (no markets configured means the default ENERGY-USD market).</summary>
    public static MarketCatalog Create(IReadOnlyList<MarketDefinition> definitions, out List<string> errors)
    {
        errors = [];
        if (definitions.Count == 0) definitions = [MarketDefinition.Default()];
        var specs = new List<MarketSpec>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var spec = MarketSpec.Create(definitions[i], $"GridTokenX:Markets:{i}", errors);
            if (spec is null) continue;
            if (specs.Any(s => s.Symbol == spec.Symbol))
                errors.Add($"GridTokenX:Markets:{i}:Symbol '{spec.Symbol}' is defined twice.");
            else
                specs.Add(spec);
        }

        return new MarketCatalog(specs);
    }
}
