using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Grains.Abstractions.Trading;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Realtime;

public static class RealtimeSetup
{
    /// <summary>
    /// The gateway's services. Sockets are fed from the Orleans streams the grains publish to
    /// (<see cref="OrleansChannelSource"/>) unless an <see cref="IChannelSource"/> was registered before this call:
    /// tests register an in-process one to publish events of their own.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().BindSection(configuration.GetSection(RealtimeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WireEventMapper>();
        services.TryAddSingleton<OrleansChannelSource>();
        services.TryAddSingleton<IChannelSource>(sp => sp.GetRequiredService<OrleansChannelSource>());
        services.TryAddSingleton<RealtimeMetrics>();
        services.TryAddSingleton<ChannelHub>();
        services.TryAddSingleton<IChannelFeed>(sp => sp.GetRequiredService<ChannelHub>());
        services.TryAddSingleton(sp => new ChannelAccess(sp.GetRequiredService<MarketCatalog>()));
        services.TryAddSingleton<ConnectionRegistry>();
        return services;
    }

    /// <summary>WebSocket upgrades with server pings that find dead peers (a missed pong aborts the socket).</summary>
    public static IApplicationBuilder UseRealtimeWebSockets(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<RealtimeOptions>>().Value;
        // The registry must exist before the host stops, or there is nobody to close the sockets with 1001.
        app.ApplicationServices.GetRequiredService<ConnectionRegistry>();
        // Before the WebSocket middleware, which takes the upgrade feature it finds: frames then reach the connection
        // through a stream the socket's write loop can batch.
        app.Use(static (context, next) =>
        {
            if (context.Request.Path.Equals(RealtimeEndpoints.Path, StringComparison.Ordinal)
                && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
                context.Features.Set<IHttpUpgradeFeature>(new FrameBatchingUpgradeFeature(upgrade));
            return next(context);
        });
        return app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = options.KeepAliveInterval,
            KeepAliveTimeout = options.KeepAliveTimeout,
        });
    }
}
