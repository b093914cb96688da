using GridTokenX.Grains.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridTokenX.Grains.Abstractions.Minting;

public static class MintingServiceCollectionExtensions
{
    /// <summary><see cref="MintingOptions"/>, validated on start; once per container (standalone mode holds both hosts).</summary>
    public static IServiceCollection AddGridTokenXMinting(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<MintingOptions>))) return services;
        services.AddOptions<MintingOptions>().BindSection(configuration.GetSection(MintingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
