using System.Globalization;
using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Grains.Abstractions.RateLimiting;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// <c>security_event</c> alerts for what a decision set off: a backoff violation that blocked a key (each block once,
/// so they need no throttle), and the <c>auth</c> policy spent by an IP (once per window).
/// </summary>
public sealed class RateLimitAlerts(IAlertSink sink)
{
    public void Raise(RateLimitIncident incident, string key, string clientIp)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var blocked = incident.Kind == RateLimitIncidentKind.Blocked;
        var message = blocked
            ? $"{key} violated the {incident.Policy} limit (violation {incident.Violations}) and is blocked for {incident.BlockSeconds} s."
            : $"{clientIp} spent the {incident.Policy} limit on failed authentications; requests with a token are refused for {incident.BlockSeconds} s.";
        sink.Raise(AlertKind.SecurityEvent, AlertSeverity.Warning, message, new Dictionary<string, string>
        {
            ["event"] = blocked ? "rate_limit_backoff" : "auth_rate_limit_spent",
            ["policy"] = incident.Policy,
            ["key"] = key,
            ["client_ip"] = clientIp,
            ["violations"] = incident.Violations.ToString(CultureInfo.InvariantCulture),
            ["block_seconds"] = incident.BlockSeconds.ToString(CultureInfo.InvariantCulture),
        });
    }
}
