using GridTokenX.ApiHost.Realtime;
using GridTokenX.ApiHost.Tests.Realtime;

namespace GridTokenX.Bench.FanoutHost;

/// <summary>
/// Swaps the host's <see cref="IChannelSource"/> for a <see cref="MirroredChannelSource"/> around it. This has to
/// happen after ApiApplication registered its source, and the service provider factory is the one hook that runs
/// after every registration and before anything is resolved.
/// </summary>
public sealed class MirroringServiceProviderFactory : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var original = services.Last(d => d.ServiceType == typeof(IChannelSource) && !d.IsKeyedService);
        services.Remove(original);
        services.AddSingleton<IChannelSource>(sp => new MirroredChannelSource(
            Create(sp, original), sp.GetRequiredService<LocalChannelSource>(), sp.GetRequiredService<EventTemplates>(), sp.GetRequiredService<ArrivalAges>()));
        return services;
    }

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();

    private static IChannelSource Create(IServiceProvider sp, ServiceDescriptor d) =>
        (IChannelSource)(d.ImplementationInstance
            ?? d.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
