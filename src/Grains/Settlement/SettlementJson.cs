using System.Text.Json;
using GridTokenX.Grains.Abstractions.Settlement;

namespace GridTokenX.Grains.Settlement;

/// <summary>How a settled trade is kept with its store operation (the result every repeat hands back).</summary>
public static class SettlementJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General);

    public static TradeSettlement? Read(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TradeSettlement>(json, Options);
}
