using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.ReadModel;
using GridTokenX.Grains.Abstractions.Settlement;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Grains.Accounts;
using GridTokenX.Grains.Minting;
using GridTokenX.Grains.Settlement;
using GridTokenX.Grains.Trading;
using GridTokenX.ReadModel.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Hosting;

public static class GridTokenXServiceCollectionExtensions
{
    public static IServiceCollection AddGridTokenXTrading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGridTokenXMarkets(configuration);
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<TradingOptions>))) return services;
        services.AddMetrics();
        services.TryAddSingleton<TradingMetrics>();
        services.AddOptions<TradingOptions>().BindSection(configuration.GetSection(TradingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SettlementOptions>().BindSection(configuration.GetSection(SettlementOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SettlementMetrics>();
        services.AddOptions<FaucetOptions>().BindSection(configuration.GetSection(FaucetOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        // Both run in every silo: either finds the work a dead silo left (trades to settle, orphaned reservations).
        services.AddSingleton<IHostedService>(sp => MarketKeeper.Create(sp, "settlement", MarketKeeper.SettlementPeriod,
            (grains, symbol) => grains.GetGrain<ISettlementGrain>(symbol).Wake()));
        // Likewise (AddSingleton, not AddHostedService, which would keep only the first keeper of one type): a market's read-model projector whose silo died resumes on another within a period.
        services.AddGridTokenXReadModel(configuration);
        services.AddSingleton<IHostedService>(sp => MarketKeeper.Create(sp, "read-model projector", MarketKeeper.ReadModelPeriod,
            (grains, symbol) => grains.GetGrain<IReadModelProjectorGrain>(symbol).Wake()));
        services.AddHostedService<ReservationSweeper>();
        services.AddHostedService<FaucetWarning>();
        return services;
    }

    /// <summary>Meters, readings and mints: the options both hosts read and the silo's <see cref="Minter"/>.</summary>
    public static IServiceCollection AddGridTokenXMintingGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGridTokenXMinting(configuration);
        services.TryAddSingleton<Minter>();
        // Reading grains write their mints to the read model.
        services.AddGridTokenXReadModel(configuration);
        return services;
    }
}
