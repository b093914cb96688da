using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GridTokenX.Grains.Alerts;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// This process's alert raiser and monitors (memory, its Redis connection, stream delay). Both silos and API hosts
    /// call it; in standalone mode, where one container holds both, the first call wins (and names the role).
    /// </summary>
    public static IServiceCollection AddGridTokenXAlerts(this IServiceCollection services, IConfiguration configuration, string role)
    {
        if (services.Any(d => d.ServiceType == typeof(AlertRaiser))) return services;
        const string s = AlertsOptions.Section;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(s))
            .PostConfigure(o => o.Source = string.IsNullOrWhiteSpace(o.Source) ? $"{role}/{Environment.MachineName}/{Environment.ProcessId}" : o.Source)
            .Validate(o => o.Source!.Length <= 128, $"{s}:Source must be at most 128 characters.")
            .Validate(o => o.Cooldown >= TimeSpan.Zero && o.Cooldown <= TimeSpan.FromDays(1), $"{s}:Cooldown must be between 00:00:00 and 1.00:00:00.")
            .Validate(o => o.CheckInterval >= TimeSpan.FromMilliseconds(100) && o.CheckInterval <= TimeSpan.FromHours(1),
                $"{s}:CheckInterval must be between 00:00:00.1 and 01:00:00.")
            .Validate(o => o.HighMemoryBytes >= 0, $"{s}:HighMemoryBytes must be 0 (off) or a positive number of bytes.")
            .Validate(o => o.HighMemoryPercent is >= 0 and <= 100, $"{s}:HighMemoryPercent must be between 0 (off) and 100.")
            .Validate(o => o.FailedAuthThreshold is >= 1 and <= 1_000_000, $"{s}:FailedAuthThreshold must be between 1 and 1000000.")
            .Validate(o => o.FailedAuthWindow > TimeSpan.Zero && o.FailedAuthWindow <= TimeSpan.FromDays(1),
                $"{s}:FailedAuthWindow must be positive and at most 1.00:00:00.")
            .Validate(o => o.MarketDataDelayThreshold > TimeSpan.Zero, $"{s}:MarketDataDelayThreshold must be positive.")
            .Validate(o => o.QueueCapacity is >= 1 and <= 1_000_000, $"{s}:QueueCapacity must be between 1 and 1000000.")
            .Validate(o => o.MaxRetryDelay >= TimeSpan.FromMilliseconds(100) && o.MaxRetryDelay <= TimeSpan.FromMinutes(10),
                $"{s}:MaxRetryDelay must be between 00:00:00.1 and 00:10:00.")
            .ValidateOnStart();
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertRaiser>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertRaiser>());
        services.AddHostedService<HostAlertMonitor>();
        return services;
    }
}
