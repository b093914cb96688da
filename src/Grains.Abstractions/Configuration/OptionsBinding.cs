using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Abstractions.Configuration;

/// <summary>
/// Binds an options section so that a value the binder cannot convert is reported like any other invalid setting (by
/// key and type, as an <see cref="OptionsValidationException"/>), never with the value: the binder's own exception
/// quotes it, and the host logs that exception, so a mistyped secret would reach the log. Every host and the silo
/// wiring bind their sections through it (hence its place here, where all of them may reach it).
/// </summary>
public static partial class OptionsBinding
{
    public static OptionsBuilder<T> BindSection<T>(this OptionsBuilder<T> builder, IConfiguration section) where T : class =>
        builder.Configure(options => Bind(section, options));

    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>, failing as described above.</summary>
    public static void Bind<T>(IConfiguration section, T options) where T : class
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex) when (DescribeConversionFailure(ex) is { } failure)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), [failure]);
        }
    }

    /// <summary>
    /// For the configuration binder's "failed to convert" error: which key and which type, without the value. Null for
    /// any other exception.
    /// </summary>
    public static string? DescribeConversionFailure(InvalidOperationException exception) =>
        ConversionKey().Match(exception.Message) is { Success: true } match
            ? $"{match.Groups["key"].Value} is not a valid {match.Groups["type"].Value}."
            : null;

    [GeneratedRegex(@"at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionKey();
}
