using GridTokenX.Grains.Hosting;
using GridTokenX.Redis.Locking;
using GridTokenX.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace GridTokenX.Grains.Tests.CacheWarming;

/// <summary>
/// Silos wired for cache warming over a real Redis, as production wires them: Redis membership (so any silo may be killed,
/// the first too), reminders, grain state, the read cache (memory + Redis + backplane) and a read model of its own (a fresh
/// SQLite file, fed by the markets' projectors). One market, ENERGY-USD.
/// </summary>
public static class WarmingCluster
{
    public static async Task<TestCluster> StartAsync(string redisConnectionString, short silos, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties["GridTokenX:Redis:ConnectionString"] = redisConnectionString;
        builder.Properties["GridTokenX:Markets:0:Symbol"] = "ENERGY-USD";
        builder.Properties["GridTokenX:Markets:0:TickSize"] = "0.0001";
        builder.Properties["GridTokenX:Markets:0:LotSize"] = "0.001";
        builder.Properties["GridTokenX:Markets:0:MinPrice"] = "0.0100";
        builder.Properties["GridTokenX:Markets:0:MaxPrice"] = "10.0000";
        builder.Properties["GridTokenX:Markets:0:MinQuantity"] = "0.001";
        builder.Properties["GridTokenX:Markets:0:MaxQuantity"] = "100000";
        builder.Properties["GridTokenX:Accounts:Faucet:Usd"] = "1000000000";
        builder.Properties["GridTokenX:Accounts:Faucet:Kwh"] = "1000000000";
        builder.Properties["GridTokenX:CacheWarming:ReminderPeriod"] = "00:00:02";
        builder.Properties[ReadModelSettings.SqlitePathKey] = ReadModelSettings.NewSqlitePath();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var redis = silo.Configuration["GridTokenX:Redis:ConnectionString"]!;
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.Services.AddGridTokenXTrading(silo.Configuration);
            silo.Services.AddGridTokenXTradingStorage(redis);
            silo.Services.AddGridTokenXMoneyStorage(redis);
            silo.Services.AddGridTokenXLocks(redis, null);
            silo.Services.AddGridTokenXCacheWarming(silo.Configuration, redis);
            // A killed silo is declared dead within seconds, so its grains and reminders move on quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder client) =>
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(configuration["GridTokenX:Redis:ConnectionString"]!));
    }
}
