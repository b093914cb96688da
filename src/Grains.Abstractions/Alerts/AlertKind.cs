namespace GridTokenX.Grains.Abstractions.Alerts;

/// <summary>What an alert is about; API.md's <c>kind</c> values (see <see cref="AlertNames"/> for the wire spelling).</summary>
[GenerateSerializer]
[Alias("gtx.alerts.AlertKind")]
public enum AlertKind : byte
{
    HighMemory,
    RedisConnectionLost,
    RedisConnectionRestored,
    SecurityEvent,
    MarketDataDelay,
}
