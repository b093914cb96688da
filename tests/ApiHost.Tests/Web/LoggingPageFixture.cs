using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridTokenX.ApiHost.Tests.Web;

/// <summary>
/// The standalone host with ASP.NET Core's logging turned all the way up, including an explicit ask for its request
/// lines (the lines that would carry <c>/ws?access_token=…</c>), and every line kept.
/// </summary>
public sealed class LoggingPageFixture() : ApiFixture(new Dictionary<string, string?>
{
    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
    [$"Logging:LogLevel:{GridTokenX.ApiHost.Auth.QueryTokenLogging.RequestLineCategory}"] = "Trace",
})
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}
