using System.Globalization;

namespace GridTokenX.ApiHost.Http;

/// <summary>Strict parsing of optional integer query parameters: garbage is a 400, never a silent default.</summary>
public static class QueryParameters
{
    public static bool TryInt(HttpRequest request, string name, int fallback, int min, int max, out int value, out IResult? problem)
    {
        value = fallback;
        problem = null;
        var raw = request.Query[name];
        if (raw.Count == 0) return true;
        if (raw.Count == 1 && int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        problem = Problems.Validation(name, $"'{name}' must be a whole number from {min} to {max}.");
        return false;
    }

    public static bool TryOneOf(HttpRequest request, string name, string fallback, string[] allowed, out string value, out IResult? problem)
    {
        value = fallback;
        problem = null;
        var raw = request.Query[name];
        if (raw.Count == 0) return true;
        if (raw.Count == 1 && allowed.Contains(raw[0], StringComparer.Ordinal))
        {
            value = raw[0]!;
            return true;
        }

        problem = Problems.Validation(name, $"'{name}' must be one of: {string.Join(", ", allowed)}.");
        return false;
    }
}
