using System.Net;
using GridTokenX.EndToEnd.Tests.Infrastructure;

namespace GridTokenX.EndToEnd.Tests;

/// <summary>
/// What a silo serves on its internal HTTP port: readiness and Prometheus metrics, and not the Orleans dashboard, which
/// has no authentication of its own: admins reach it through an API host (ApiHost.Tests, DashboardAccessTests).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class SiloEndpointsTests(ClusterFixture cluster)
{
    [Fact]
    public Task A_silo_reports_readiness_and_metrics_and_keeps_no_open_dashboard() => cluster.Guard(async () =>
    {
        await cluster.EnsureSilosAsync(1);
        var silo = cluster.LiveSilos[0];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };

        var ready = await http.GetAsync("/health/ready");
        var metrics = await http.GetAsync("/metrics");
        var dashboard = await http.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"redis\":\"ok\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
    });
}
