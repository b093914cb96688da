using System.Net;
using GridTokenX.Grains.Abstractions.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace GridTokenX.ApiHost.Http;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// <c>X-Forwarded-For</c> from the trusted proxies only. ASP.NET Core trusts loopback by default; that is cleared, so
    /// only the configured addresses count.
    /// </summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpOptions>().BindSection(configuration.GetSection(HttpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpOptions>>((forwarded, http) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback network by default, and is still honoured.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            // One hop: the address the nearest trusted proxy saw.
            forwarded.ForwardLimit = 1;
            foreach (var proxy in http.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
            }
        });
        return services;
    }

    /// <summary>
    /// The forwarded-headers middleware, only when a proxy is trusted: with empty lists it trusts every sender (it checks
    /// addresses only when one is listed), which is the spoofing this must prevent.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ApplicationServices.GetRequiredService<IOptions<HttpOptions>>().Value.TrustedProxies.Count > 0 ? app.UseForwardedHeaders() : app;
    }
}
