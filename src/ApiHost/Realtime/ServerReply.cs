using System.Text.Json;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>A reply to one client request; <c>req_id</c> is always present (null when the request had none).</summary>
public abstract record ServerReply(string? ReqId)
{
    protected abstract string Op { get; }

    public ReadOnlyMemory<byte> Serialize() => ServerMessages.Write(writer =>
    {
        writer.WriteString("op", Op);
        writer.WriteString("req_id", ReqId);
        WriteBody(writer);
    });

    protected virtual void WriteBody(Utf8JsonWriter writer)
    {
    }

    protected static void WriteChannels(Utf8JsonWriter writer, IReadOnlyList<string> channels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(channels);
        writer.WriteStartArray("channels");
        foreach (var channel in channels) writer.WriteStringValue(channel);
        writer.WriteEndArray();
    }
}

public sealed record SubscribedReply(string? ReqId, IReadOnlyList<string> Channels) : ServerReply(ReqId)
{
    protected override string Op => "subscribed";

    protected override void WriteBody(Utf8JsonWriter writer) => WriteChannels(writer, Channels);
}

public sealed record UnsubscribedReply(string? ReqId, IReadOnlyList<string> Channels) : ServerReply(ReqId)
{
    protected override string Op => "unsubscribed";

    protected override void WriteBody(Utf8JsonWriter writer) => WriteChannels(writer, Channels);
}

public sealed record PongReply(string? ReqId) : ServerReply(ReqId)
{
    protected override string Op => "pong";
}

/// <summary>A refusal; <see cref="Channels"/> names the refused channels when the error is about some of them.</summary>
public sealed record ErrorReply(string? ReqId, string Code, string Message, IReadOnlyList<string>? Channels = null) : ServerReply(ReqId)
{
    public const string Forbidden = "forbidden";
    public const string InvalidChannel = "invalid_channel";
    public const string BadRequest = "bad_request";

    protected override string Op => "error";

    protected override void WriteBody(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("code", Code);
        writer.WriteString("message", Message);
        if (Channels is not null) WriteChannels(writer, Channels);
    }
}
