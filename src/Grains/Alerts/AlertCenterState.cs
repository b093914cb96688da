using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Grains.Alerts;

/// <summary>What the alert center persists: the recent alerts it has published.</summary>
[GenerateSerializer]
[Alias("gtx.alerts.stored.AlertCenterState")]
public sealed class AlertCenterState
{
    [Id(0)]
    public List<Alert> Alerts { get; set; } = [];
}
