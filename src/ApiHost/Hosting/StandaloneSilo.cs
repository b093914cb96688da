using GridTokenX.Grains.Hosting;
using GridTokenX.Hosting.Settings;
using Orleans.Dashboard;

namespace GridTokenX.ApiHost.Hosting;

/// <summary>
/// Standalone mode's co-hosted silo: in-memory clustering, storage, streams and journal in this process. The only file
/// of the API host that may use GridTokenX.Grains (the architecture tests enforce it): everywhere else the API host
/// is an Orleans client that knows grains by their interfaces.
/// </summary>
public static class StandaloneSilo
{
    public static void AddTo(WebApplicationBuilder builder, HostSettings settings, bool tracing) =>
        builder.UseOrleans(silo =>
        {
            silo.AddGridTokenX(builder.Configuration, new SiloSettings(settings.Cluster.ClusterId, settings.Cluster.ServiceId,
                RedisConnectionString: null, settings.Silo.SiloPort, settings.Silo.GatewayPort, settings.AdvertisedAddress,
                settings.Streams.PullPeriod)).AddDashboard();
            if (tracing) silo.AddActivityPropagation();
        });
}
