using Orleans.Concurrency;

namespace GridTokenX.Grains.Abstractions.Alerts;

/// <summary>
/// The cluster's one alert center (key <see cref="AlertCenter.Key"/>): keeps the recent alerts and publishes each new
/// one on <c>system:alerts</c>.
/// </summary>
[Alias("gtx.alerts.IAlertCenterGrain")]
public interface IAlertCenterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records and publishes the alert, once per id. Completes only after the alert is on the channel's stream, so a
    /// caller that sees an exception retries with the same alert; a repeat of a published id does nothing.
    /// </summary>
    [Alias("Raise")]
    Task Raise(Alert alert);

    /// <summary>The most recent alerts, newest first (by <see cref="Alert.RaisedAt"/>), at most <paramref name="limit"/>.</summary>
    /// <remarks>Interleaves with a raise that is waiting for its publication, so the listing answers during an outage too.</remarks>
    [AlwaysInterleave]
    [Alias("Recent")]
    Task<IReadOnlyList<Alert>> Recent(int limit);
}
