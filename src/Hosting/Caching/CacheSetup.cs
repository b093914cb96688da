using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Redis.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Hosting.Caching;

/// <summary>The read cache on every host (docs/cache.md): its settings checked at start-up, Redis mode or memory only.</summary>
public static class CacheSetup
{
    public static IServiceCollection AddGridTokenXCache(this IServiceCollection services, IConfiguration configuration, string? redisConnectionString)
    {
        services.AddOptions<ReadCacheOptions>().BindSection(configuration.GetSection(ReadCacheOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        return services.AddGridTokenXReadCache(redisConnectionString);
    }

    /// <summary>An API host's reports of its reads and misses to the cache warmers (one call per interval).</summary>
    public static IServiceCollection AddGridTokenXCacheAccessReports(this IServiceCollection services)
    {
        services.AddHostedService<CacheAccessReporter>();
        return services;
    }
}
