using System.Globalization;
using System.Text.Json;

namespace GridTokenX.ApiHost.Http;

/// <summary>
/// Reading fields of a JSON request body, each problem recorded under its field. Decimals are taken exactly as written
/// (string or JSON number), never rounded.
/// </summary>
public static class RequestFields
{
    // More significant digits than System.Decimal holds would be rounded silently by the parser.
    private const int MaxSignificantDigits = 28;

    public static string? RequiredString(JsonElement body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors[name] = [$"{name} is required."];
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [$"{name} must be a string."];
            return null;
        }

        return value.GetString();
    }

    public static decimal? PositiveDecimal(JsonElement body, string name, Dictionary<string, string[]> errors)
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
