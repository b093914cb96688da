using System.Text.Json;

namespace GridTokenX.Grains.CacheWarming;

/// <summary>Enum members as settings and the admin routes spell them: lower snake_case (<c>access_pattern</c>).</summary>
public static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Parses <c>access_pattern</c>, <c>AccessPattern</c> or <c>accesspattern</c>; false for anything else.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var compact = text.Replace("_", "", StringComparison.Ordinal);
        return !compact.Any(char.IsDigit) && Enum.TryParse(compact, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
