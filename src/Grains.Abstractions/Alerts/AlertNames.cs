namespace GridTokenX.Grains.Abstractions.Alerts;

/// <summary>Kinds and severities as API.md spells them (lower snake_case), for the wire and for log lines.</summary>
public static class AlertNames
{
    public static string Kind(AlertKind kind) => kind switch
    {
        AlertKind.HighMemory => "high_memory",
        AlertKind.RedisConnectionLost => "redis_connection_lost",
        AlertKind.RedisConnectionRestored => "redis_connection_restored",
        AlertKind.SecurityEvent => "security_event",
        AlertKind.MarketDataDelay => "market_data_delay",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
