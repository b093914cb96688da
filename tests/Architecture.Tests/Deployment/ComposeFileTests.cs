using System.Globalization;
using GridTokenX.Silo;
using GridTokenX.TestSupport;

namespace GridTokenX.Architecture.Tests.Deployment;

/// <summary>docker-compose.yml, checked like the Kubernetes manifests (no Docker engine here to run it).</summary>
public sealed class ComposeFileTests
{
    private static readonly Lazy<Dictionary<string, object?>> Compose = new(() =>
        Yaml.LoadAll(Path.Combine(RepoPaths.Root, "docker-compose.yml")).Single());

    [Fact]
    public void Every_setting_it_passes_is_one_the_hosts_bind()
    {
        var settings = Compose.Value.Map("services").Values.SelectMany(s => s.Map("environment").Keys).Where(SettingKeys.IsOurs).Distinct().ToList();

        Assert.Contains("GridTokenX__Redis__LockEndpoints__2", settings);
        Assert.Contains("Auth__SigningKey", settings);
        Assert.DoesNotContain(settings, s => !SettingKeys.IsKnown(s));
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public void Containers_get_longer_to_stop_than_the_hosts_take(string service)
    {
        var shutdown = service == "silo" ? SiloDefaults.ShutdownTimeout : HostFacts.ApiShutdownTimeout;
        var grace = Compose.Value.At("services", service).Str("stop_grace_period") ?? "10s";

        Assert.True(TimeSpan.FromSeconds(int.Parse(grace.TrimEnd('s'), CultureInfo.InvariantCulture)) > shutdown,
            $"{service}: stop_grace_period {grace} for a {shutdown.TotalSeconds} s shutdown");
    }
}
