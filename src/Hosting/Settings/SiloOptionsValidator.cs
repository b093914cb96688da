using Microsoft.Extensions.Options;

namespace GridTokenX.Hosting.Settings;

/// <summary>The ranges of <see cref="SiloOptions"/> (its annotations), plus the advertised host, which must resolve.</summary>
public sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        builder.AddResult(new DataAnnotationValidateOptions<SiloOptions>(name).Validate(name, options));
        if (options.ResolveAdvertisedAddress() is null)
            builder.AddError($"GridTokenX:Silo:AdvertisedHost '{options.AdvertisedHost}' does not resolve to an IPv4 address.");
        return builder.Build();
    }
}
