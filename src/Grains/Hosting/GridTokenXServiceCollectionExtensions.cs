using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Hosting;

public static class GridTokenXServiceCollectionExtensions
{
    /// <summary>Settings every GridTokenX process shares: the markets and the clock.</summary>
    public static IServiceCollection AddGridTokenXMarkets(this IServiceCollection services, IConfiguration configuration)
    {
        // Standalone mode registers both the API host's and the co-hosted silo's services in one container;
        // binding the list twice would append every market a second time.
        if (services.Any(d => d.ServiceType == typeof(MarketCatalog))) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<Observability.PrometheusMetrics>();
        services.AddOptions<MarketsOptions>().Bind(configuration.GetSection("GridTokenX")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketsOptions>, MarketsOptionsValidator>());
        services.TryAddSingleton(sp => MarketCatalog.Create(sp.GetRequiredService<IOptions<MarketsOptions>>().Value.Markets, out _));
        return services;
    }

    public static IServiceCollection AddGridTokenXTrading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGridTokenXMarkets(configuration);
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<TradingOptions>))) return services;
        services.AddMetrics();
        services.TryAddSingleton<TradingMetrics>();
        services.AddOptions<TradingOptions>().Bind(configuration.GetSection(TradingOptions.Section))
            .Validate(o => o.SnapshotEvery is >= 1 and <= 10_000_000, $"{TradingOptions.Section}:SnapshotEvery must be between 1 and 10000000.")
            .Validate(o => o.MaxUnpublished is >= 1 and <= 10_000_000, $"{TradingOptions.Section}:MaxUnpublished must be between 1 and 10000000.")
            .Validate(o => o.PublicationWait > TimeSpan.Zero && o.PublicationWait <= TimeSpan.FromMinutes(1), $"{TradingOptions.Section}:PublicationWait must be positive and at most 00:01:00.")
            .ValidateOnStart();
        return services;
    }
}
