using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace GridTokenX.Silo;

/// <summary>This silo is an active member of the cluster (not joining, not shutting down, not declared dead).</summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress) == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("not an active member"));
}
