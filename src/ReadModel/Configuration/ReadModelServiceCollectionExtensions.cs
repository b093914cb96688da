using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.ReadModel.Queries;
using GridTokenX.ReadModel.Storage;
using GridTokenX.ReadModel.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridTokenX.ReadModel.Configuration;

public static class ReadModelServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="ReadModelOptions"/> (validated on start), the database they select, <see cref="IReadModelWriter"/>,
    /// <see cref="IReadModelReader"/>, and the schema migration at start-up. Once per container (standalone mode holds
    /// both hosts).
    /// </summary>
    public static IServiceCollection AddGridTokenXReadModel(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<ReadModelOptions>))) return services;
        services.AddOptions<ReadModelOptions>().BindSection(configuration.GetSection(ReadModelOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReadModelOptions>, ReadModelOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ReadModelDatabase.Create(sp.GetRequiredService<IOptions<ReadModelOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IReadModelWriter, ReadModelWriter>();
        services.AddSingleton<IReadModelReader, ReadModelReader>();
        services.AddHostedService<ReadModelSchemaService>();
        return services;
    }
}
