using System.Collections.Concurrent;
using System.Globalization;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Hosting;
using GridTokenX.Grains.Trading;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Streaming;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>An Orleans test cluster whose markets journal to a real Redis (two markets: ENERGY-USD and SOLAR-USD).</summary>
public static class TradingCluster
{
    private const string EventsRedisKey = "GridTokenX:Test:EventsRedis";
    private const string ClockKey = "GridTokenX:Test:MarketClock";
    private static readonly ConcurrentDictionary<string, TimeProvider> Clocks = new();

    /// <summary>Set this setting to keep grain state (the alert center's) in the journals' Redis.</summary>
    public const string GrainStateInRedisKey = "GridTokenX:Test:GrainStateInRedis";

    /// <param name="streams">Register the event streams (in memory unless <paramref name="eventsRedis"/> is set); markets publish only when they are registered.</param>
    /// <param name="eventsRedis">Put the event streams on this Redis (apart from the journals, so one can fail alone).</param>
    /// <param name="settings">Extra configuration, e.g. trading options.</param>
    /// <param name="marketClock">The markets' clock (<see cref="OrderBookGrain.ClockKey"/>); everything else keeps the system's.</param>
    public static async Task<TestCluster> StartAsync(string redisConnectionString, int snapshotEvery = 5000, short silos = 1, bool streams = false,
        string? eventsRedis = null, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? marketClock = null)
    {
        var builder = new TestClusterBuilder(silos);
        if (marketClock is not null)
        {
            // Silos run in this process: the configurator finds the test's clock by this id.
            var id = Guid.NewGuid().ToString("N");
            Clocks[id] = marketClock;
            builder.Properties[ClockKey] = id;
        }

        // Suites about trading, not money: every user they invent is funded on first need. Money suites set 0.
        builder.Properties["GridTokenX:Accounts:Faucet:Usd"] = "1000000000";
        builder.Properties["GridTokenX:Accounts:Faucet:Kwh"] = "1000000000";
        builder.Properties[ReadModelSettings.SqlitePathKey] = ReadModelSettings.NewSqlitePath();
        streams |= eventsRedis is not null;
        if (eventsRedis is not null) builder.Properties[EventsRedisKey] = eventsRedis;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        if (streams)
        {
            builder.AddSiloBuilderConfigurator<StreamsConfigurator>();
            builder.AddClientBuilderConfigurator<StreamsConfigurator>();
        }

        builder.Properties["GridTokenX:Redis:ConnectionString"] = redisConnectionString;
        builder.Properties["GridTokenX:Trading:SnapshotEvery"] = snapshotEvery.ToString(CultureInfo.InvariantCulture);
        AddMarket(builder, 0, "ENERGY-USD");
        AddMarket(builder, 1, "SOLAR-USD");
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static void AddMarket(TestClusterBuilder builder, int index, string symbol)
    {
        var prefix = $"GridTokenX:Markets:{index}:";
        builder.Properties[prefix + "Symbol"] = symbol;
        builder.Properties[prefix + "TickSize"] = "0.0001";
        builder.Properties[prefix + "LotSize"] = "0.001";
        builder.Properties[prefix + "MinPrice"] = "0.0100";
        builder.Properties[prefix + "MaxPrice"] = "10.0000";
        builder.Properties[prefix + "MinQuantity"] = "0.001";
        builder.Properties[prefix + "MaxQuantity"] = "100000";
    }

    private sealed class StreamsConfigurator : ISiloConfigurator, IClientBuilderConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage("PubSubStore");
            if (siloBuilder.Configuration[EventsRedisKey] is { } redis)
                siloBuilder.AddRedisStreams(ChannelStreams.ProviderName, o => o.ConnectionString = redis, s => s.ConfigurePullingAgent(PullFast));
            else
                siloBuilder.AddMemoryStreams(ChannelStreams.ProviderName, s => s.ConfigurePullingAgent(PullFast));
        }

        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            if (configuration[EventsRedisKey] is { } redis) clientBuilder.AddRedisStreams(ChannelStreams.ProviderName, o => o.ConnectionString = redis);
            else clientBuilder.AddMemoryStreams(ChannelStreams.ProviderName);
        }

        private static void PullFast(Microsoft.Extensions.Options.OptionsBuilder<Orleans.Configuration.StreamPullingAgentOptions> options) =>
            options.Configure(o => o.GetQueueMsgsTimerPeriod = SiloSettings.DefaultStreamPullPeriod);
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            if (siloBuilder.Configuration[ClockKey] is { } clock)
                siloBuilder.Services.AddKeyedSingleton(OrderBookGrain.ClockKey, Clocks[clock]);
            siloBuilder.Services.AddGridTokenXTrading(siloBuilder.Configuration);
            siloBuilder.Services.AddGridTokenXTradingStorage(siloBuilder.Configuration["GridTokenX:Redis:ConnectionString"]);
            siloBuilder.Services.AddGridTokenXMoneyStorage(siloBuilder.Configuration["GridTokenX:Redis:ConnectionString"]);
            siloBuilder.Services.AddGridTokenXLocks(siloBuilder.Configuration["GridTokenX:Redis:ConnectionString"], null);
            if (siloBuilder.Configuration[GrainStateInRedisKey] is not null)
                siloBuilder.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(siloBuilder.Configuration["GridTokenX:Redis:ConnectionString"]!));
            else
                siloBuilder.AddMemoryGrainStorageAsDefault();
        }
    }
}
