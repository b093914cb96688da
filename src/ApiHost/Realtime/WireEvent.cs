using System.Text.Json;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>
/// One event on one channel as clients see it, handed by a source to the hub: the grains'
/// <see cref="Grains.Abstractions.Events.ChannelEvent"/> after <see cref="WireEventMapper"/>. <see cref="Data"/> is in
/// wire shape (snake_case, decimal strings) and must not depend on a disposed <see cref="JsonDocument"/>
/// (use <see cref="JsonSerializer.SerializeToElement{TValue}(TValue, JsonSerializerOptions?)"/> or <c>Clone()</c>).
/// </summary>
public sealed record WireEvent(string Id, string Type, JsonElement Data, DateTimeOffset Timestamp)
{
    /// <summary>A fresh event with a time-ordered unique id (UUIDv7, hex).</summary>
    public static WireEvent Create(string type, JsonElement data, DateTimeOffset timestamp) =>
        new(Guid.CreateVersion7(timestamp).ToString("N"), type, data, timestamp);
}
