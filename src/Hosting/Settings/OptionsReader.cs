using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridTokenX.Hosting.Settings;

/// <summary>
/// Binds and validates an options section before the host is built, for the few settings that decide how it is
/// composed (the mode, ports, the signing key). The same options class and validator are registered with
/// <c>ValidateOnStart</c> too; reading them here only moves the failure earlier. Errors name the key, never the value.
/// </summary>
public static partial class OptionsReader
{
    public static T Read<T>(IConfiguration configuration, string section, params IValidateOptions<T>[] validators)
        where T : class, new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex) when (ConversionKey().Match(ex.Message) is { Success: true } match)
        {
            // The binder's message quotes the value, which may be a secret; keep only the key and the type.
            throw new InvalidSettingsException([$"{match.Groups["key"].Value} is not a valid {match.Groups["type"].Value}."]);
        }

        var errors = validators.Select(v => v.Validate(Options.DefaultName, options))
            .Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList();
        if (errors.Count > 0) throw new InvalidSettingsException(errors);
        return options;
    }

    [GeneratedRegex(@"at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionKey();
}
