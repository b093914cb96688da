namespace GridTokenX.Grains.Abstractions.Alerts;

[GenerateSerializer]
public enum AlertSeverity : byte
{
    Info,
    Warning,
    Critical,
}
