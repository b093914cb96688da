using GridTokenX.ApiHost.Realtime;
using GridTokenX.Hosting.Alerts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Alerts;

public static class AlertsSetup
{
    /// <summary>
    /// The API host's part of alerts: the host's raiser and monitors, and security events from failed authentications
    /// and forbidden subscriptions. <c>system:alerts</c> reaches sockets from its Orleans stream like any channel.
    /// </summary>
    public static IServiceCollection AddApiAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGridTokenXAlerts(configuration, "api");
        services.AddSingleton(sp => new SecurityEventDetector(sp.GetRequiredService<IAlertSink>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AlertsOptions>>().Value));
        services.AddSingleton<ISubscriptionAudit, ForbiddenSubscriptionAudit>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure<SecurityEventDetector>((jwt, detector) =>
        {
            var failed = jwt.Events.OnAuthenticationFailed;
            jwt.Events.OnAuthenticationFailed = async context =>
            {
                await failed(context);
                detector.AuthenticationFailed(ClientIp(context.HttpContext), context.Exception.GetType().Name);
            };
            var validated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result?.Failure is not null) detector.AuthenticationFailed(ClientIp(context.HttpContext), "malformed_claims");
            };
        });
        return services;
    }

    private static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
