using System.Text.Json.Serialization;

namespace GridTokenX.Hosting.Health;

public sealed record HealthBody([property: JsonPropertyName("status")] string Status, [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, string> Checks);

[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthJson : JsonSerializerContext;
