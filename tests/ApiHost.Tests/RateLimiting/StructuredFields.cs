using System.Text.RegularExpressions;

namespace GridTokenX.ApiHost.Tests.RateLimiting;

/// <summary>
/// A strict reader of the RateLimit headers as RFC 9651 structured-field lists: items that are sf-strings with integer
/// parameters, separated by commas with optional spaces. Anything else fails the test.
/// </summary>
public static partial class StructuredFields
{
    public static Dictionary<string, Dictionary<string, long>> ParseList(string? header)
    {
        Assert.False(string.IsNullOrEmpty(header), "The header is missing.");
        var items = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var member in header!.Split(','))
        {
            var item = member.TrimStart(' ');
            var match = Item().Match(item);
            Assert.True(match.Success, $"Not a structured-field item with integer parameters: '{item}' in '{header}'");
            var parameters = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i < match.Groups["key"].Captures.Count; i++)
            {
                Assert.True(parameters.TryAdd(match.Groups["key"].Captures[i].Value, long.Parse(match.Groups["value"].Captures[i].Value,
                    System.Globalization.CultureInfo.InvariantCulture)), $"Repeated parameter in '{item}'");
            }

            Assert.True(items.TryAdd(match.Groups["name"].Value, parameters), $"Repeated item in '{header}'");
        }

        return items;
    }

    public static (Dictionary<string, Dictionary<string, long>> Policy, Dictionary<string, Dictionary<string, long>> State) Read(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (ParseList(Single(response, "RateLimit-Policy")), ParseList(Single(response, "RateLimit")));
    }

    private static string? Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [GeneratedRegex("""^"(?<name>[a-z*][a-z0-9_\-.*]*)"(?:;(?<key>[a-z*][a-z0-9_\-.*]*)=(?<value>-?[0-9]{1,15}))*$""")]
    private static partial Regex Item();
}
