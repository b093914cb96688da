using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Accounts;
using GridTokenX.Redis.Connection;
using GridTokenX.Redis.Journal;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Money;
using GridTokenX.Redis.Streaming;
using GridTokenX.Redis.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace GridTokenX.Grains.Hosting;

public static class GridTokenXSiloBuilderExtensions
{
    /// <summary>Settings of the event streams' Redis Streams provider (<see cref="RedisStreamOptions"/>).</summary>
    public const string StreamsSection = "GridTokenX:Streams";

    /// <summary>
    /// Wires a silo of this system: Redis for membership, grain state, reminders and the market journals, and Redlock
    /// for locks, when a connection string is set; in-memory, single-process equivalents otherwise (standalone mode).
    /// The host adds what every host has (telemetry, health, alerts: GridTokenX.Hosting).
    /// </summary>
    public static ISiloBuilder AddGridTokenX(this ISiloBuilder silo, IConfiguration configuration, SiloSettings settings)
    {
        silo.Services.AddGridTokenXTrading(configuration);
        silo.Services.AddGridTokenXMintingGrains(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("GridTokenX:Silo:Membership"));
        // Settlement and minting run in grains here, so the lock does too (Redlock, or in-process in standalone mode).
        // The holder name (in lock values and the admin view) is the silo's address, which operators know it by.
        silo.Services.AddGridTokenXLocks(settings.RedisConnectionString, settings.LockEndpoints, new RedlockOptions
        {
            Holder = LockHolder.Describe(settings.RedisConnectionString is null ? "standalone" : "silo", $"{settings.AdvertisedAddress}:{settings.SiloPort}"),
        });

        if (settings.RedisConnectionString is { } connectionString)
        {
            var redis = RedisConnectionFactory.CreateOptions(connectionString);
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = redis.Clone());
            // Subscriptions must outlive a silo, and events ride Redis Streams (consumer groups, ack on delivery).
            silo.AddRedisGrainStorage("PubSubStore", o => o.ConfigurationOptions = redis.Clone());
            // A read waits for a wake-up only with wake-ups on; otherwise a short period would poll Redis continually.
            // The provider's own options (validated by it at start-up), read once more here only to pick the pull period.
            var streamOptions = new RedisStreamOptions();
            OptionsBinding.Bind(configuration.GetSection(StreamsSection), streamOptions);
            var wakeUps = streamOptions.WakeUpWait > TimeSpan.Zero;
            var pullPeriod = settings.StreamPullPeriod
                ?? (wakeUps ? SiloSettings.DefaultWokenStreamPullPeriod : SiloSettings.DefaultStreamPullPeriod);
            silo.AddRedisStreams(ChannelStreams.ProviderName, o =>
            {
                OptionsBinding.Bind(configuration.GetSection(StreamsSection), o);
                o.ConfigurationOptions = redis.Clone();
            }, streams => streams.ConfigurePullingAgent(PullEvery(pullPeriod)));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
            silo.Services.AddGridTokenXTradingStorage(connectionString);
            silo.Services.AddGridTokenXMoneyStorage(connectionString);
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(ChannelStreams.ProviderName, streams => streams.ConfigurePullingAgent(PullEvery(settings.StreamPullPeriod ?? SiloSettings.DefaultStreamPullPeriod)));
            silo.UseInMemoryReminderService();
            silo.Services.AddGridTokenXTradingStorage(redisConnectionString: null);
            silo.Services.AddGridTokenXMoneyStorage(redisConnectionString: null);
        }

        silo.Services.AddGridTokenXAccounts();
        silo.Services.AddGridTokenXCacheWarming(configuration, settings.RedisConnectionString);

        return silo;
    }

    /// <summary>Where money lives (<see cref="IMoneyStore"/>): Redis, or this process's memory. See docs/money.md.</summary>
    public static IServiceCollection AddGridTokenXMoneyStorage(this IServiceCollection services, string? redisConnectionString)
    {
        if (redisConnectionString is null)
        {
            services.TryAddSingleton<IMoneyStore, InMemoryMoneyStore>();
            return services;
        }

        var redis = RedisConnectionFactory.CreateOptions(redisConnectionString);
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.TryAddSingleton<IMoneyStore, RedisMoneyStore>();
        return services;
    }

    /// <summary>Accounts and deposits over the money store, and the conservation gauge (<c>ledger_imbalance</c>).</summary>
    public static IServiceCollection AddGridTokenXAccounts(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Deposits>();
        services.TryAddSingleton<ConservationMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConservationMonitor>());
        return services;
    }

    private static Action<Microsoft.Extensions.Options.OptionsBuilder<StreamPullingAgentOptions>> PullEvery(TimeSpan period) =>
        options => options.Configure(o => o.GetQueueMsgsTimerPeriod = period);

    /// <summary>Where market journals and client order ids live: Redis, or this process's memory.</summary>
    public static IServiceCollection AddGridTokenXTradingStorage(this IServiceCollection services, string? redisConnectionString)
    {
        if (redisConnectionString is null)
        {
            services.AddSingleton<IJournalStore, InMemoryJournalStore>();
            services.AddSingleton<IClientOrderIdRegistry, InMemoryClientOrderIdRegistry>();
            services.AddSingleton<IOrderNumberBlocks, InMemoryOrderNumberBlocks>();
            return services;
        }

        var redis = RedisConnectionFactory.CreateOptions(redisConnectionString);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddSingleton<IJournalStore, RedisJournalStore>();
        services.AddSingleton<IClientOrderIdRegistry, RedisClientOrderIdRegistry>();
        services.AddSingleton<IOrderNumberBlocks, RedisOrderNumberBlocks>();
        return services;
    }
}
