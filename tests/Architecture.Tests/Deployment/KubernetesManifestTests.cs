using System.Globalization;
using System.Text.RegularExpressions;
using GridTokenX.Silo;
using GridTokenX.TestSupport;

namespace GridTokenX.Architecture.Tests.Deployment;

/// <summary>
/// No Kubernetes cluster exists on the development machines, so what can be checked without one is checked here:
/// deploy/kubernetes parses, every setting it passes is one the hosts bind, its references resolve, its ports and probe
/// paths are the hosts' own, and pods get longer to stop than the hosts take.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "deploy", "kubernetes");

    private static readonly Lazy<List<Dictionary<string, object?>>> Documents = new(() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(Yaml.LoadAll)]);

    private static Dictionary<string, object?> Kustomization => Yaml.LoadAll(Path.Combine(Folder, "kustomization.yaml")).Single();

    [Fact]
    public void Every_manifest_parses_names_its_kind_and_is_listed_in_the_kustomization()
    {
        var files = Directory.GetFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Where(f => f != "kustomization.yaml").Order().ToList();
        var listed = Kustomization.Seq("resources").Cast<string>().Order().ToList();

        Assert.Equal(files, listed);
        Assert.All(Documents.Value, d =>
        {
            Assert.False(string.IsNullOrEmpty(d.Str("apiVersion")), "apiVersion");
            Assert.False(string.IsNullOrEmpty(d.Str("kind")), "kind");
            Assert.False(string.IsNullOrEmpty(d.Map("metadata").Str("name")), "metadata.name");
        });
        Assert.Contains(Documents.Value, d => d.Str("kind") == "Namespace" && d.Map("metadata").Str("name") == Kustomization.Str("namespace"));
    }

    [Fact]
    public void Every_setting_the_manifests_pass_is_one_the_hosts_bind()
    {
        var settings = ConfigMapData().Keys.Concat(Containers().SelectMany(c => Env(c.Container).Select(e => e.Name))).Where(SettingKeys.IsOurs).Distinct().ToList();

        Assert.Contains("GridTokenX__Redis__ConnectionString", settings);
        Assert.Contains("Auth__SigningKey", settings);
        Assert.Contains("GridTokenX__ReadModel__ConnectionString", settings);
        Assert.DoesNotContain(settings, s => !SettingKeys.IsKnown(s));
    }

    [Theory]
    [InlineData("GridTokenX__Redis__ConectionString")]
    [InlineData("GridTokenX__Silo__SiloPortt")]
    [InlineData("GridTokenX__Redis__LockEndpoints__first")]
    [InlineData("GridTokenX__Silo__Membership__ProbeTimeOutt")]
    [InlineData("GridTokenX__Markets__0__Sybmol")]
    [InlineData("Auth__SigningKeys")]
    [InlineData("ASPNETCORE_URL")]
    [InlineData("GridTokenX__ReadModel__ConnectionStrings")]
    public void A_misspelt_setting_is_caught(string setting) => Assert.False(SettingKeys.IsKnown(setting));

    [Theory]
    [InlineData("GridTokenX__Silo__Membership__ProbeTimeout")]
    [InlineData("GridTokenX__Client__ResponseTimeout")]
    [InlineData("GridTokenX__Streams__QueueCount")]
    [InlineData("GridTokenX__Markets__1__TickSize")]
    [InlineData("GridTokenX__RateLimits__Policies__order_creation__Limit")]
    [InlineData("GridTokenX__Http__TrustedProxies__0")]
    [InlineData("gridtokenx__redis__lockendpoints__2")]
    public void Settings_the_hosts_bind_are_known(string setting) => Assert.True(SettingKeys.IsKnown(setting));

    [Fact]
    public void Every_reference_resolves_secrets_config_and_earlier_variables()
    {
        var secret = Kustomization.Seq("secretGenerator").Cast<Dictionary<string, object?>>().Single();
        var secretKeys = File.ReadAllLines(Path.Combine(Folder, "secrets.env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        var configMaps = Documents.Value.Where(d => d.Str("kind") == "ConfigMap").Select(d => d.Map("metadata").Str("name")).ToHashSet();

        Assert.Equal(["secrets.env"], secret.Seq("envs").Cast<string>());
        Assert.Contains("deploy/kubernetes/secrets.env", File.ReadAllLines(Path.Combine(RepoPaths.Root, ".gitignore")));
        foreach (var (workload, container) in Containers())
        {
            foreach (var from in container.Seq("envFrom")) Assert.Contains(from.Map("configMapRef").Str("name"), configMaps);
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, value, source) in Env(container))
            {
                foreach (Match reference in Reference().Matches(value ?? ""))
                    Assert.True(defined.Contains(reference.Groups[1].Value), $"{workload}: {name} uses $({reference.Groups[1].Value}) before it is defined");
                if (source.Map("secretKeyRef") is { Count: > 0 } secretRef)
                {
                    Assert.Equal(secret.Str("name"), secretRef.Str("name"));
                    Assert.Contains(secretRef.Str("key")!, secretKeys);
                }

                defined.Add(name);
            }
        }
    }

    [Fact]
    public void Silos_take_their_identity_from_the_pod()
    {
        var env = Env(Container("silo")).ToDictionary(e => e.Name);

        Assert.Equal("metadata.name", env["POD_NAME"].Source.At("fieldRef").Str("fieldPath"));
        Assert.Equal("status.podIP", env["POD_IP"].Source.At("fieldRef").Str("fieldPath"));
        Assert.Equal("$(POD_NAME)", env["GridTokenX__Silo__Name"].Value);
        Assert.Equal("$(POD_IP)", env["GridTokenX__Silo__AdvertisedHost"].Value);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public void Ports_and_probes_are_the_hosts_own(string workload)
    {
        var container = Container(workload);
        var env = Env(container).ToDictionary(e => e.Name, e => e.Value);
        var ports = container.Seq("ports").Cast<Dictionary<string, object?>>().ToDictionary(p => p.Str("name")!, p => Port(p.Str("containerPort")));
        var routes = workload == "silo" ? HostFacts.SiloHealthRoutes() : HostFacts.ApiRoutes;

        Assert.Equal(ports["http"], new Uri(env["ASPNETCORE_URLS"]!).Port);
        if (workload == "silo")
        {
            Assert.Equal(ports["silo"], Port(env["GridTokenX__Silo__SiloPort"]));
            Assert.Equal(ports["gateway"], Port(env["GridTokenX__Silo__GatewayPort"]));
        }

        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var get = container.At(probe, "httpGet");
            Assert.True(get.Count > 0, $"{workload} has no HTTP {probe}");
            Assert.Contains(get.Str("path")!, routes);
            Assert.Equal(ports["http"], ports.TryGetValue(get.Str("port")!, out var named) ? named : Port(get.Str("port")));
        }

        // Readiness says whether the dependencies are there; liveness only that the process answers (a Redis outage
        // must not restart every pod).
        Assert.Equal(("/health/ready", "/health/live"), (container.At("readinessProbe", "httpGet").Str("path"), container.At("livenessProbe", "httpGet").Str("path")));
    }

    [Fact]
    public void Every_service_selects_a_workload_and_targets_one_of_its_ports()
    {
        foreach (var service in Documents.Value.Where(d => d.Str("kind") == "Service"))
        {
            var name = service.Map("metadata").Str("name");
            var selector = service.At("spec", "selector");
            var workload = Workloads().SingleOrDefault(w => selector.All(kv => Equals(w.At("spec", "template", "metadata", "labels").GetValueOrDefault(kv.Key), kv.Value)));
            Assert.True(workload is not null, $"Service {name} selects no workload");
            var portNames = workload.At("spec", "template", "spec").Seq("containers").SelectMany(c => c.Seq("ports")).Select(p => p.Str("name")).ToHashSet();
            foreach (var port in service.At("spec").Seq("ports")) Assert.Contains(port.Str("targetPort"), portNames);
        }
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("api")]
    public void Pods_get_longer_to_stop_than_the_hosts_take(string workload)
    {
        var shutdown = workload == "silo" ? SiloDefaults.ShutdownTimeout : HostFacts.ApiShutdownTimeout;
        var pod = Workload(workload).At("spec", "template", "spec");
        var preStop = Port(Container(workload).At("lifecycle", "preStop", "sleep").Str("seconds") ?? "0");
        var grace = Port(pod.Str("terminationGracePeriodSeconds"));

        Assert.True(grace > preStop + shutdown.TotalSeconds, $"{workload}: {grace} s of grace for {preStop} s of preStop and a {shutdown.TotalSeconds} s shutdown");
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_on_a_volume_and_the_three_lock_nodes_are_the_lock_endpoints()
    {
        var redis = Workload("redis");
        var locks = Workload("redis-lock");
        var postgres = Workload("postgres");
        var endpoints = ConfigMapData().Where(kv => kv.Key.StartsWith("GridTokenX__Redis__LockEndpoints__", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();

        foreach (var store in new[] { redis, locks })
        {
            var args = string.Join(' ', store.At("spec", "template", "spec").Seq("containers").Single().Seq("args").Cast<string>());
            Assert.Contains("--appendonly yes", args, StringComparison.Ordinal);
            Assert.Contains("--maxmemory-policy noeviction", args, StringComparison.Ordinal);
            AssertVolume(store, "/data");
        }

        Assert.Contains("--appendfsync always", string.Join(' ', locks.At("spec", "template", "spec").Seq("containers").Single().Seq("args").Cast<string>()), StringComparison.Ordinal);
        Assert.Equal("3", locks.At("spec").Str("replicas"));
        Assert.Equal(["redis-lock-0.redis-lock:6379", "redis-lock-1.redis-lock:6379", "redis-lock-2.redis-lock:6379"], endpoints);
        Assert.Equal("redis:6379", ConfigMapData()["GridTokenX__Redis__ConnectionString"]);
        AssertVolume(postgres, "/var/lib/postgresql/data");
        Assert.All(new[] { "silo", "api" }, w => Assert.StartsWith("Host=postgres;", Env(Container(w)).Single(e => e.Name == "GridTokenX__ReadModel__ConnectionString").Value, StringComparison.Ordinal));
    }

    private static void AssertVolume(Dictionary<string, object?> statefulSet, string mountPath)
    {
        var claim = statefulSet.At("spec").Seq("volumeClaimTemplates").Single().Map("metadata").Str("name");
        var mounts = statefulSet.At("spec", "template", "spec").Seq("containers").Single().Seq("volumeMounts");
        Assert.Contains(mounts, m => m.Str("name") == claim && m.Str("mountPath") == mountPath);
    }

    private static Dictionary<string, string?> ConfigMapData() =>
        Documents.Value.Where(d => d.Str("kind") == "ConfigMap").SelectMany(d => d.Map("data")).ToDictionary(kv => kv.Key, kv => kv.Value as string);

    private static IEnumerable<Dictionary<string, object?>> Workloads() =>
        Documents.Value.Where(d => d.Str("kind") is "Deployment" or "StatefulSet");

    private static Dictionary<string, object?> Workload(string name) => Workloads().Single(w => w.Map("metadata").Str("name") == name);

    private static Dictionary<string, object?> Container(string workload) =>
        (Dictionary<string, object?>)Workload(workload).At("spec", "template", "spec").Seq("containers").Single()!;

    private static IEnumerable<(string Workload, Dictionary<string, object?> Container)> Containers() =>
        Workloads().SelectMany(w => w.At("spec", "template", "spec").Seq("containers").Cast<Dictionary<string, object?>>()
            .Select(c => (w.Map("metadata").Str("name")!, c)));

    private static IEnumerable<(string Name, string? Value, Dictionary<string, object?> Source)> Env(Dictionary<string, object?> container) =>
        container.Seq("env").Cast<Dictionary<string, object?>>().Select(e => (e.Str("name")!, e.Str("value"), e.Map("valueFrom")));

    private static int Port(string? value) => int.Parse(value ?? throw new InvalidDataException("missing number"), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
