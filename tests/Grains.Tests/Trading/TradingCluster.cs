using System.Globalization;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace GridTokenX.Grains.Tests.Trading;

/// <summary>An Orleans test cluster whose markets journal to a real Redis (two markets: ENERGY-USD and SOLAR-USD).</summary>
public static class TradingCluster
{
    public static async Task<TestCluster> StartAsync(string redisConnectionString, int snapshotEvery = 5000, short silos = 1, bool streams = false)
    {
        var builder = new TestClusterBuilder(silos);
        if (streams)
        {
            builder.Properties["GridTokenX:Trading:PublishEvents"] = "true";
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
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddMemoryStreams(ChannelStreams.ProviderName).AddMemoryGrainStorage("PubSubStore");

        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddMemoryStreams(ChannelStreams.ProviderName);
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddGridTokenXTrading(siloBuilder.Configuration);
            siloBuilder.Services.AddGridTokenXTradingStorage(siloBuilder.Configuration["GridTokenX:Redis:ConnectionString"]);
        }
    }
}
