namespace GridTokenX.Grains.Abstractions.Alerts;

[GenerateSerializer]
[Alias("gtx.alerts.AlertSeverity")]
public enum AlertSeverity : byte
{
    Info,
    Warning,
    Critical,
}
