using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GridTokenX.ReadModel.Views;

/// <summary>How cached views put values on the wire (API.md): decimals as strings, RFC 3339 UTC times with milliseconds.</summary>
public static class ViewJson
{
    /// <summary>The JSON text <paramref name="write"/> produces.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A price or quantity on the market's grid: exactly <paramref name="decimals"/> decimals; null as null.</summary>
    public static void OnGrid(Utf8JsonWriter json, string name, decimal? value, int decimals)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v) json.WriteString(name, v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }

    /// <summary>A computed value (a sum of price × quantity, an average): its own scale, no trailing zeros added; null as null.</summary>
    public static void Exact(Utf8JsonWriter json, string name, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v) json.WriteString(name, v.ToString(CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }

    public static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v) json.WriteString(name, Time(v));
        else json.WriteNull(name);
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
