using GridTokenX.ApiHost.Tests.Realtime;

namespace GridTokenX.ApiHost.Tests.Alerts;

/// <summary>
/// The standalone API host with a low failed-authentication threshold, so a test can make a burst quickly;
/// <c>system:alerts</c> reaches sockets from its Orleans stream, as in production.
/// </summary>
public sealed class AlertsFixture() : RealtimeFixture(new Dictionary<string, string?>
{
    ["GridTokenX:Alerts:FailedAuthThreshold"] = "3",
    ["GridTokenX:Alerts:FailedAuthWindow"] = "00:01:00",
}, inProcessSource: false);
