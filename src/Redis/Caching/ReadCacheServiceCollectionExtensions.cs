using GridTokenX.Redis.Connection;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace GridTokenX.Redis.Caching;

public static class ReadCacheServiceCollectionExtensions
{
    /// <summary>
    /// The read cache (<see cref="IReadCache"/>): memory in front of Redis under <see cref="CacheKeys.RedisPrefix"/> with the
    /// Redis backplane, or memory only when <paramref name="redisConnectionString"/> is null. Registered once per
    /// container, so standalone mode's API host and co-hosted silo share one cache. Options default unless the host binds
    /// <see cref="ReadCacheOptions.Section"/> (GridTokenX.Hosting does, with validation).
    /// </summary>
    public static IServiceCollection AddGridTokenXReadCache(this IServiceCollection services, string? redisConnectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(IReadCache))) return services;
        services.AddMetrics();
        services.AddOptions<ReadCacheOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CacheMetrics>();
        services.TryAddSingleton<CacheAccessLog>();
        services.AddSingleton<IFusionCache>(sp => Create(sp, redisConnectionString));
        services.AddSingleton<IReadCache, FusionReadCache>();
        return services;
    }

    private static FusionCache Create(IServiceProvider services, string? redisConnectionString)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var cache = new FusionCache(Options.Create(new FusionCacheOptions
        {
            CacheName = "gtx",
            CacheKeyPrefix = CacheKeys.RedisPrefix,
            // Keys in Redis are exactly gtx:cache:{key}, without FusionCache's wire-format version in front.
            DistributedCacheKeyModifierMode = CacheKeyModifierMode.None,
            BackplaneChannelPrefix = CacheKeys.BackplaneChannel,
            WaitForInitialBackplaneSubscribe = true,
        }), logger: loggers.CreateLogger<FusionCache>());
        if (redisConnectionString is null) return cache;

        // A connection of its own: cache traffic and backplane messages never queue behind journal writes.
        var multiplexer = new Lazy<Task<IConnectionMultiplexer>>(async () =>
            await ConnectionMultiplexer.ConnectAsync(RedisConnectionFactory.CreateOptions(redisConnectionString)).ConfigureAwait(false));
        var serializer = new FusionCacheSystemTextJsonSerializer();
        cache.SetupSerializer(serializer);
        cache.SetupDistributedCache(new RedisCache(Options.Create(new RedisCacheOptions { ConnectionMultiplexerFactory = () => multiplexer.Value })),
            serializer);
        cache.SetupBackplane(new RedisBackplane(Options.Create(new RedisBackplaneOptions { ConnectionMultiplexerFactory = () => multiplexer.Value }),
            loggers.CreateLogger<RedisBackplane>()));
        return cache;
    }
}
