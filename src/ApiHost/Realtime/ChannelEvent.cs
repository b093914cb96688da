using System.Text.Json;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One event on one channel, as a source hands it to the hub. <see cref="Data"/> is already in wire shape
/// (snake_case, decimal strings) and must not depend on a disposed <see cref="JsonDocument"/>
/// (use <see cref="JsonSerializer.SerializeToElement{TValue}(TValue, JsonSerializerOptions?)"/> or <c>Clone()</c>).
/// </summary>
public sealed record ChannelEvent(string Id, string Type, JsonElement Data, DateTimeOffset Timestamp)
{
    /// <summary>A fresh event with a time-ordered unique id (UUIDv7, hex).</summary>
    public static ChannelEvent Create(string type, JsonElement data, DateTimeOffset timestamp) =>
        new(Guid.CreateVersion7(timestamp).ToString("N"), type, data, timestamp);
}
