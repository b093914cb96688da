using System.Buffers;
using System.Text.Json;
using GridTokenX.ApiHost.Http;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>Server-to-client frames as UTF-8 JSON, field order as in API.md.</summary>
public static class ServerMessages
{
    public const string Version = "1";

    public static ReadOnlyMemory<byte> Event(string channel, WireEvent wireEvent)
    {
        ArgumentNullException.ThrowIfNull(wireEvent);
        return Write(writer =>
        {
            writer.WriteString("op", "event");
            writer.WriteString("id", wireEvent.Id);
            writer.WriteString("channel", channel);
            writer.WriteString("type", wireEvent.Type);
            writer.WritePropertyName("data");
            if (wireEvent.Data.ValueKind == JsonValueKind.Undefined) writer.WriteStartObject();
            else wireEvent.Data.WriteTo(writer);
            if (wireEvent.Data.ValueKind == JsonValueKind.Undefined) writer.WriteEndObject();
            writer.WriteString("timestamp", Wire.Time(wireEvent.Timestamp));
            writer.WriteString("version", Version);
        });
    }

    internal static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
