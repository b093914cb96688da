using System.Text.Json;

namespace GridTokenX.Bench.FanoutClient;

public enum MessageKind
{
    Other,
    Event,
    Subscribed,
    Error,
}

/// <summary>
/// Just enough of a server frame: its op, an event's type, whether the in-process baseline sent it (id "bench-…"),
/// and its timestamp. One pass of a <see cref="Utf8JsonReader"/> over the bytes, skipping <c>data</c>; no allocation.
/// </summary>
public readonly record struct ServerMessage(MessageKind Kind, EventKind Type, bool FromBaseline, long TimestampUtcTicks)
{
    public static ServerMessage Parse(ReadOnlySpan<byte> json)
    {
        var kind = MessageKind.Other;
        var type = EventKind.Other;
        var baseline = false;
        long timestamp = 0;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                kind = reader.ValueTextEquals("event"u8) ? MessageKind.Event
                    : reader.ValueTextEquals("subscribed"u8) ? MessageKind.Subscribed
                    : reader.ValueTextEquals("error"u8) ? MessageKind.Error
                    : MessageKind.Other;
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = EventKinds.Of(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                baseline = reader.ValueSpan.StartsWith("bench-"u8);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (reader.TryGetDateTimeOffset(out var at)) timestamp = at.UtcTicks;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ServerMessage(kind, type, baseline, timestamp);
    }
}
