using System.Globalization;
using System.Text.Json;

namespace GridTokenX.ApiHost.Http;

/// <summary>Decimals in request bodies: a string or a JSON number, taken exactly as written, never rounded.</summary>
public static class JsonDecimals
{
    // More significant digits than System.Decimal holds would be rounded silently by the parser.
    private const int MaxSignificantDigits = 28;

    /// <summary>The field as a decimal greater than 0; null when absent (or JSON null) or refused (then with its error).</summary>
    public static decimal? ReadPositive(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        string text;
        if (value.ValueKind == JsonValueKind.String) text = value.GetString()!;
        else if (value.ValueKind == JsonValueKind.Number) text = value.GetRawText();
        else
        {
            errors[name] = [$"{name} must be a decimal string or a JSON number."];
            return null;
        }

        if (!TryParseExact(text, value.ValueKind == JsonValueKind.Number, out var parsed))
        {
            errors[name] = [$"{name} '{Problems.Truncate(text)}' is not a decimal number."];
            return null;
        }

        if (parsed <= 0)
        {
            errors[name] = [$"{name} must be greater than 0."];
            return null;
        }

        return parsed;
    }

    private static bool TryParseExact(string text, bool allowExponent, out decimal value)
    {
        value = 0;
        if (text.Length is 0 or > 64) return false;
        var digits = 0;
        var leading = true;
        var mantissaEnd = allowExponent ? text.IndexOfAny(['e', 'E']) : -1;
        foreach (var c in mantissaEnd < 0 ? text : text[..mantissaEnd])
        {
            if (c is '-' or '.') continue;
            if (c is < '0' or > '9') return false;
            if (leading && c == '0') continue;
            leading = false;
            digits++;
        }

        if (digits > MaxSignificantDigits) return false;
        var styles = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | (allowExponent ? NumberStyles.AllowExponent : 0);
        return decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out value);
    }
}
