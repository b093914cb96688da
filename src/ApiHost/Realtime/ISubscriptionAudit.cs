namespace GridTokenX.ApiHost.Realtime;

/// <summary>Told about every subscription the gateway refuses as <c>forbidden</c>; the alerts feature turns them into security events.</summary>
public interface ISubscriptionAudit
{
    /// <param name="caller">The user id, or <c>anonymous</c>.</param>
    void Forbidden(string caller, string? clientIp, IReadOnlyList<string> channels);
}
