using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Grains.CacheWarming;
using GridTokenX.Grains.CacheWarming.Sources;
using GridTokenX.Redis.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace GridTokenX.Grains.Hosting;

public static class CacheWarmingServiceCollectionExtensions
{
    /// <summary>
    /// Cache warming in a silo (docs/cache.md): the read cache it writes into (the hosts' own, so the backplane tells every
    /// API host), the tasks from <c>GridTokenX:CacheWarming</c> checked at start-up (a cycle stops the silo, naming it),
    /// the four sources, the built-in computed functions, and the start-up run.
    /// </summary>
    public static IServiceCollection AddGridTokenXCacheWarming(this IServiceCollection services, IConfiguration configuration, string? redisConnectionString)
    {
        if (services.Any(d => d.ServiceType == typeof(WarmingPlan))) return services;
        services.AddGridTokenXReadCache(redisConnectionString);
        services.AddOptions<CacheWarmingOptions>().BindSection(configuration.GetSection(CacheWarmingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheWarmingOptions>, CacheWarmingOptionsValidator>();
        services.AddSingleton<IComputedWarmingFunction, MarketTickersFunction>();
        services.AddSingleton<IComputedWarmingFunction, MarketBooksFunction>();
        services.AddSingleton<IComputedWarmingFunction, PriceHistoryFunction>();
        services.AddSingleton<IComputedWarmingFunction, MarketStatsFunction>();
        services.AddSingleton<IComputedWarmingFunction, UserProfilesFunction>();
        services.TryAddSingleton<ComputedFunctions>();
        services.AddSingleton<IWarmingSource, DatabaseWarmingSource>();
        services.AddSingleton<IWarmingSource, HttpWarmingSource>();
        services.AddSingleton<IWarmingSource, StaticWarmingSource>();
        services.AddSingleton<IWarmingSource, ComputedWarmingSource>();
        services.TryAddSingleton<WarmingSources>();
        services.AddHttpClient(HttpWarmingSource.ClientName).AddStandardResilienceHandler();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CacheWarmingOptions>>().Value;
            var tasks = WarmingTaskReader.Read(options, sp.GetRequiredService<ComputedFunctions>().Names, out var errors);
            var plan = WarmingPlan.Build(options.Enabled ? tasks : [], out var problems);
            return errors.Count + problems.Count == 0 ? plan : throw new OptionsValidationException(CacheWarmingOptions.Section,
                typeof(CacheWarmingOptions), [.. errors, .. problems]);
        });
        services.AddSingleton<CacheWarmingStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<CacheWarmingStartup>());
        // Orleans refuses reminder periods under its minimum (1 minute by default): allow the configured one.
        services.AddOptions<ReminderOptions>().Configure<IOptions<CacheWarmingOptions>>((reminders, warming) =>
        {
            if (warming.Value.ReminderPeriod < reminders.MinimumReminderPeriod) reminders.MinimumReminderPeriod = warming.Value.ReminderPeriod;
        });
        return services;
    }
}
