using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GridTokenX.Grains.CacheWarming.Sources;

/// <summary>A database row as a JSON object (column name → value; decimals as exact strings, times as RFC 3339).</summary>
public static class JsonRows
{
    public static string Object(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < row.FieldCount; i++)
            {
                json.WritePropertyName(row.GetName(i));
                WriteValue(json, row.IsDBNull(i) ? null : row.GetValue(i));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A column's value as the text a key placeholder takes.</summary>
    public static string? Text(object? value) => value switch
    {
        null or DBNull => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long or int or short or byte: json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double d: json.WriteNumberValue(d); break;
            case float f: json.WriteNumberValue(f); break;
            // Money and quantities stay exact: a string, as the API writes decimals.
            case decimal m: json.WriteStringValue(m.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime t: json.WriteStringValue(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: json.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)); break;
            case byte[] bytes: json.WriteBase64StringValue(bytes); break;
            default: json.WriteStringValue(Text(value)); break;
        }
    }
}
