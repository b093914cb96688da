using GridTokenX.ApiHost.Hosting;
using GridTokenX.Hosting.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridTokenX.Architecture.Tests.Deployment;

/// <summary>What the hosts themselves say about their routes and shutdown, for comparing with the deployments.</summary>
public static class HostFacts
{
    private static readonly Lazy<(TimeSpan Shutdown, IReadOnlySet<string> Routes)> Api = new(ReadApiHost);

    /// <summary>The API host's shutdown timeout, read from the host as it is composed (not started).</summary>
    public static TimeSpan ApiShutdownTimeout => Api.Value.Shutdown;

    /// <summary>Every route the API host maps.</summary>
    public static IReadOnlySet<string> ApiRoutes => Api.Value.Routes;

    /// <summary>The routes the silo's health mapping gives it (src/Silo/Program.cs calls MapGridTokenXHealth).</summary>
    public static IReadOnlySet<string> SiloHealthRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        try
        {
            app.MapGridTokenXHealth();
            return Routes(app);
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static (TimeSpan, IReadOnlySet<string>) ReadApiHost()
    {
        var app = ApiApplication.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Auth:SigningKey"] = "deployment-test-signing-key-0123456789-abcdef",
        }));
        try
        {
            return (app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout, Routes(app));
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static HashSet<string> Routes(IEndpointRouteBuilder app) =>
        [.. app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))];
}
