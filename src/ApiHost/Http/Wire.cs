using System.Globalization;

namespace GridTokenX.ApiHost.Http;

/// <summary>How values look on the wire: decimals as exact strings, times as RFC 3339 UTC with milliseconds.</summary>
public static class Wire
{
    public static string Decimal(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string? Decimal(decimal? value, int decimals) => value is { } v ? Decimal(v, decimals) : null;

    /// <summary>A computed value (an average, a percentage): its own scale, no trailing zeros added.</summary>
    public static string? Exact(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
