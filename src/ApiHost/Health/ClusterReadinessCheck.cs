using Orleans.Runtime;

namespace GridTokenX.ApiHost.Health;

/// <summary>The Orleans cluster answers and has at least one active silo.</summary>
public sealed class ClusterReadinessCheck(IGrainFactory grains) : IReadinessCheck
{
    public string Name => "cluster";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return hosts.Count > 0 ? null : "no active silo";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "cluster unreachable";
        }
    }
}
