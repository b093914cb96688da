using GridTokenX.Grains.Abstractions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GridTokenX.Hosting.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// This process's alert raiser and monitors (memory, its Redis connection, stream delay). Both silos and API hosts
    /// call it; in standalone mode, where one container holds both, the first call wins (and names the role).
    /// </summary>
    public static IServiceCollection AddGridTokenXAlerts(this IServiceCollection services, IConfiguration configuration, string role)
    {
        if (services.Any(d => d.ServiceType == typeof(AlertRaiser))) return services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AlertsOptions>().BindSection(configuration.GetSection(AlertsOptions.Section))
            .PostConfigure(o => o.Source = string.IsNullOrWhiteSpace(o.Source) ? $"{role}/{Environment.MachineName}/{Environment.ProcessId}" : o.Source)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertRaiser>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertRaiser>());
        services.AddHostedService<HostAlertMonitor>();
        return services;
    }
}
