using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Alerts;

/// <summary>The alert center on a test cluster: memory streams for the channel, a real Redis as its default grain storage.</summary>
public sealed class AlertCenterGrainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;

    private IAlertCenterGrain Center => _cluster.GrainFactory.GetAlertCenter();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var builder = new TestClusterBuilder(1);
        builder.Properties["Redis"] = _redis.ConnectionString;
        builder.AddSiloBuilderConfigurator<Configurator>();
        builder.AddClientBuilderConfigurator<Configurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Each_alert_id_is_published_once_and_listed_newest_first_by_raise_time()
    {
        var channel = await ChannelRecorder.RecordAsync(_cluster.Client, ChannelNames.SystemAlerts);
        await Center.Raise(At("b", 20));
        await Center.Raise(At("a", 10));
        await Center.Raise(At("b", 20));

        await Eventually.Until(() => Task.FromResult(channel.Count >= 2), TimeSpan.FromSeconds(10), "two alert events");
        var events = channel.ToList();
        Assert.Equal(["b", "a"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal((ChannelNames.SystemAlerts, EventTypes.Alert), (e.Channel, e.Type)));
        Assert.Equal(T0.AddSeconds(20), events[0].Timestamp);
        Assert.Equal("b", Assert.IsType<AlertPayload>(events[0].Data).Alert.Id);
        Assert.Equal(["b", "a"], (await Center.Recent(10)).Select(a => a.Id));
        Assert.Equal(["b"], (await Center.Recent(1)).Select(a => a.Id));
        Assert.Equal(2, channel.Count);
    }

    [Fact]
    public async Task Losing_the_storage_neither_fails_a_raise_nor_its_publication_and_the_alert_is_stored_once_storage_is_back()
    {
        var channel = await ChannelRecorder.RecordAsync(_cluster.Client, ChannelNames.SystemAlerts);
        await Center.Raise(At("before", 1));
        _redis.Kill();

        await Center.Raise(At("during", 2)).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.Until(() => Task.FromResult(channel.Any(e => e.Id == "during")), TimeSpan.FromSeconds(10), "the alert raised without storage");
        Assert.Equal(["during", "before"], (await Center.Recent(10)).Select(a => a.Id));

        // Once Redis is back the pending write goes through; a fresh activation then reads both from storage.
        await _redis.RestartAsync();
        await using var redis = await _redis.ConnectAsync();
        await Eventually.Until(async () =>
        {
            var server = redis.GetServers()[0];
            foreach (var key in server.Keys(pattern: "*alertcenter*"))
            {
                if (((string?)await redis.GetDatabase().HashGetAsync(key, "data"))?.Contains("during", StringComparison.Ordinal) == true) return true;
            }

            return false;
        }, TimeSpan.FromSeconds(60), "the alert raised without storage to be stored");
        await Eventually.Until(async () =>
        {
            await _cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            return (await Center.Recent(10)).Select(a => a.Id).SequenceEqual(["during", "before"]);
        }, TimeSpan.FromSeconds(60), "a new activation to list what was stored");
    }

    private static Alert At(string id, int seconds) =>
        new(id, AlertKind.SecurityEvent, AlertSeverity.Warning, "test " + id, new Dictionary<string, string> { ["n"] = id }, "test", T0.AddSeconds(seconds));

    private sealed class Configurator : ISiloConfigurator, IClientBuilderConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var redis = siloBuilder.Configuration["Redis"]!;
            siloBuilder.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
            siloBuilder.AddMemoryStreams(ChannelStreams.ProviderName).AddMemoryGrainStorage("PubSubStore");
        }

        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddMemoryStreams(ChannelStreams.ProviderName);
    }
}
