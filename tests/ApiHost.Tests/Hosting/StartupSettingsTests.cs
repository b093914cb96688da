using GridTokenX.ApiHost.Hosting;
using GridTokenX.Hosting.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Tests.Hosting;

/// <summary>A bad setting stops the host before it serves anything, with a message naming the key and never the secret.</summary>
public sealed class StartupSettingsTests
{
    // Standalone hosts here keep their key in a temporary folder, never in the user's own data folder.
    private static readonly string KeyFile = Path.Combine(Path.GetTempPath(), $"gtx-startup-tests-{Environment.ProcessId}", "key");

    private static Microsoft.AspNetCore.Builder.WebApplication Build(Dictionary<string, string?> settings) =>
        ApiApplication.Build([], b => b.Configuration
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:StandaloneKeyFile"] = KeyFile })
            .AddInMemoryCollection(settings));

    [Fact]
    public void A_short_signing_key_is_refused_by_name_without_echoing_it()
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Build(new() { ["Auth:SigningKey"] = "tooshort-secret" }));

        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tooshort-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_mode_requires_a_signing_key()
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Build(new() { ["GridTokenX:Redis:ConnectionString"] = "127.0.0.1:6379" }));

        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:6379,connectTimeout=soon")]
    [InlineData(",,,")]
    public void An_unparsable_redis_connection_string_is_refused_by_name(string connectionString)
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Build(new()
        {
            ["GridTokenX:Redis:ConnectionString"] = connectionString,
            ["Auth:SigningKey"] = "0123456789abcdef0123456789abcdef",
        }));

        Assert.Contains("GridTokenX:Redis:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GridTokenX:Silo:SiloPort", "70000")]
    [InlineData("GridTokenX:Silo:GatewayPort", "abc")]
    [InlineData("GridTokenX:ClusterId", " ")]
    public void Bad_cluster_settings_are_refused_by_name(string key, string value)
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Build(new() { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stream_pull_period_is_left_to_the_provider_unless_set_and_is_bounded_when_set()
    {
        Assert.Null(HostSettings.Read(new ConfigurationBuilder().Build()).Streams.PullPeriod);
        var set = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["GridTokenX:Streams:PullPeriod"] = "00:00:00.005" }).Build();
        Assert.Equal(TimeSpan.FromMilliseconds(5), HostSettings.Read(set).Streams.PullPeriod);

        var error = Assert.Throws<InvalidSettingsException>(() => Build(new() { ["GridTokenX:Streams:PullPeriod"] = "00:01:00" }));
        Assert.Contains("GridTokenX:Streams:PullPeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_market_stops_start_up_naming_the_setting()
    {
        await using var app = Build(new()
        {
            ["urls"] = "http://127.0.0.1:0",
            ["GridTokenX:Silo:SiloPort"] = TestSupport.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GridTokenX:Silo:GatewayPort"] = TestSupport.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GridTokenX:Markets:0:Symbol"] = "ENERGY-USD",
            ["GridTokenX:Markets:0:TickSize"] = "0",
            ["GridTokenX:Markets:0:LotSize"] = "0.001",
            ["GridTokenX:Markets:0:MinPrice"] = "0.01",
            ["GridTokenX:Markets:0:MaxPrice"] = "10",
            ["GridTokenX:Markets:0:MinQuantity"] = "0.001",
            ["GridTokenX:Markets:0:MaxQuantity"] = "100",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.StartsWith("GridTokenX:Markets:0:TickSize", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GridTokenX:Alerts:FailedAuthThreshold", "0")]
    [InlineData("GridTokenX:Alerts:HighMemoryPercent", "150")]
    [InlineData("GridTokenX:Alerts:CheckInterval", "00:00:00")]
    [InlineData("GridTokenX:Alerts:MaxRetryDelay", "01:00:00")]
    [InlineData("GridTokenX:Realtime:MaxChannelsPerConnection", "0")]
    [InlineData("GridTokenX:Realtime:SubscriptionCheckInterval", "00:00:00.010")]
    [InlineData("GridTokenX:Trading:SnapshotEvery", "0")]
    [InlineData("GridTokenX:Trading:PublicationWait", "00:05:00")]
    [InlineData("GridTokenX:RateLimits:Policies:api:Limit", "0")]
    [InlineData("GridTokenX:RateLimits:Policies:order_creation:WindowSeconds", "86401")]
    [InlineData("GridTokenX:RateLimits:Policies:trading:RefillPerSecond", "0")]
    [InlineData("GridTokenX:RateLimits:Policies:market_data:Burst", "0")]
    [InlineData("GridTokenX:RateLimits:Policies:sensitive:MaxBlockSeconds", "30")]
    [InlineData("GridTokenX:RateLimits:Policies:sensitive:Factor", "0.5")]
    [InlineData("GridTokenX:RateLimits:Policies:auth:Limit", "many")]
    [InlineData("GridTokenX:RateLimits:FailOpen", "maybe")]
    [InlineData("GridTokenX:Http:TrustedProxies:0", "not-an-address")]
    public async Task A_bad_setting_of_a_feature_stops_start_up_naming_the_setting(string key, string value)
    {
        // Some sections are validated when the host is composed (middleware reads them), the rest when it starts:
        // either way before it serves anything, with the same exception (exit code 2).
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = Build(new()
            {
                ["urls"] = "http://127.0.0.1:0",
                ["GridTokenX:Silo:SiloPort"] = TestSupport.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["GridTokenX:Silo:GatewayPort"] = TestSupport.FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                [key] = value,
            });
            await app.StartAsync();
        });

        Assert.Contains(error.Failures, f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_lock_endpoint_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Build(new() { ["GridTokenX:Redis:LockEndpoints:1"] = ",", ["GridTokenX:Redis:LockEndpoints:0"] = "127.0.0.1:6390" }));

        Assert.Contains("GridTokenX:Redis:LockEndpoints:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LockEndpoints:0", error.Message, StringComparison.Ordinal);
    }
}
