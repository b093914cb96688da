using GridTokenX.ApiHost.Realtime;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.ApiHost.Alerts;

/// <summary>Hands the gateway's forbidden subscriptions to the security-event detector.</summary>
public sealed class ForbiddenSubscriptionAudit(SecurityEventDetector detector) : ISubscriptionAudit
{
    public void Forbidden(string caller, string? clientIp, IReadOnlyList<string> channels) => detector.Forbidden(caller, clientIp, channels);
}
