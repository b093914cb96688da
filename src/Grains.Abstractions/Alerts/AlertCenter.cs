namespace GridTokenX.Grains.Abstractions.Alerts;

public static class AlertCenter
{
    public const string Key = "system";

    /// <summary>How many alerts the center keeps, and so the largest <c>limit</c> a listing may ask for.</summary>
    public const int Capacity = 500;

    public static IAlertCenterGrain GetAlertCenter(this IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IAlertCenterGrain>(Key);
    }
}
