using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Abstractions.Trading;

/// <summary>Refuses to start with a market definition that the engine could not trade exactly.</summary>
public sealed class MarketsOptionsValidator : IValidateOptions<MarketsOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketsOptions options)
    {
        MarketCatalog.Create(options.Markets, out var errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
