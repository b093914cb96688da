using GridTokenX.Grains.Abstractions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.RateLimiting;

public static class RateLimitSetup
{
    public static IServiceCollection AddGridTokenXRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitsOptions>().BindSection(configuration.GetSection(RateLimitsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RateLimitPolicyTable>();
        services.TryAddSingleton<RateLimitMetrics>();
        services.TryAddSingleton(sp => new RateLimitBatcher(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RateLimitsOptions>>().Value.CallTimeout));
        services.TryAddSingleton<RateLimitStatistics>();
        services.TryAddSingleton<RateLimitAlerts>();
        services.TryAddSingleton<RateLimitStatisticsFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<RateLimitStatisticsFlusher>());
        return services;
    }

    /// <summary>The limits, when enabled; after authentication, before authorization and the endpoints.</summary>
    public static IApplicationBuilder UseGridTokenXRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<RateLimitsOptions>>().Value.Enabled ? app.UseMiddleware<RateLimitMiddleware>() : app;
    }
}
