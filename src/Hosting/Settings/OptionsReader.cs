using GridTokenX.Grains.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridTokenX.Hosting.Settings;

/// <summary>
/// Binds and validates an options section before the host is built, for the few settings that decide how it is
/// composed (the mode, cluster identity, ports, the signing key): the same options classes and validators as every
/// other section, only read here once, and their values handed to the composition. Errors name the key, never the value.
/// </summary>
public static class OptionsReader
{
    public static T Read<T>(IConfiguration configuration, string section, params IValidateOptions<T>[] validators)
        where T : class, new()
    {
        var options = new T();
        try
        {
            OptionsBinding.Bind(configuration.GetSection(section), options);
        }
        catch (OptionsValidationException ex)
        {
            throw new InvalidSettingsException([.. ex.Failures]);
        }

        var errors = validators.Select(v => v.Validate(Options.DefaultName, options))
            .Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        if (errors.Count > 0) throw new InvalidSettingsException(errors);
        return options;
    }

}
