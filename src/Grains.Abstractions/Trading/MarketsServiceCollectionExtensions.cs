using GridTokenX.Grains.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Abstractions.Trading;

public static class MarketsServiceCollectionExtensions
{
    /// <summary>What every GridTokenX process shares: the markets (validated on start) and the clock.</summary>
    public static IServiceCollection AddGridTokenXMarkets(this IServiceCollection services, IConfiguration configuration)
    {
        // Standalone mode registers both the API host's and the co-hosted silo's services in one container;
        // binding the list twice would append every market a second time.
        if (services.Any(d => d.ServiceType == typeof(MarketCatalog))) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MarketsOptions>().BindSection(configuration.GetSection("GridTokenX")).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketsOptions>, MarketsOptionsValidator>());
        services.TryAddSingleton(sp => MarketCatalog.Create(sp.GetRequiredService<IOptions<MarketsOptions>>().Value.Markets, out _));
        return services;
    }
}
