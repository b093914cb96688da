using System.Text.Json;
using GridTokenX.ApiHost.Accounts;
using GridTokenX.ApiHost.Alerts;
using GridTokenX.ApiHost.Auth;
using GridTokenX.ApiHost.CacheWarming;
using GridTokenX.ApiHost.Dashboard;
using GridTokenX.ApiHost.Health;
using GridTokenX.ApiHost.History;
using GridTokenX.ApiHost.Http;
using GridTokenX.ApiHost.Locking;
using GridTokenX.ApiHost.Markets;
using GridTokenX.ApiHost.Minting;
using GridTokenX.ApiHost.RateLimiting;
using GridTokenX.ApiHost.Realtime;
using GridTokenX.ApiHost.Settlement;
using GridTokenX.ApiHost.Trading;
using GridTokenX.ApiHost.Web;
using GridTokenX.Grains.Abstractions.Configuration;
using GridTokenX.Grains.Abstractions.Events;
using GridTokenX.Grains.Abstractions.Minting;
using GridTokenX.Grains.Abstractions.Trading;
using GridTokenX.Hosting;
using GridTokenX.Hosting.Caching;
using GridTokenX.Hosting.Health;
using GridTokenX.Hosting.Settings;
using GridTokenX.Hosting.Telemetry;
using GridTokenX.ReadModel.Configuration;
using GridTokenX.Redis.Connection;
using GridTokenX.Redis.Locking;
using GridTokenX.Redis.Streaming;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace GridTokenX.ApiHost.Hosting;

/// <summary>Composes the API host: standalone (co-hosted in-memory silo) or an Orleans client of a Redis cluster.</summary>
public static class ApiApplication
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        QuietLoggingDefaults.AddTo(builder.Configuration);
        configure?.Invoke(builder);
        builder.Logging.KeepQueryTokensOutOfLogs();
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1024 * 1024;
        });

        var settings = HostSettings.Read(builder.Configuration);
        var errors = new List<string>();
        var auth = OptionsReader.Read<AuthOptions>(builder.Configuration, AuthOptions.Section);
        var key = SigningKey.Resolve(auth, standalone: !settings.UsesRedis, errors);
        if (errors.Count > 0) throw new InvalidSettingsException(errors);
        var tracing = TelemetrySetup.TracingEnabled(builder.Configuration);
        builder.AddGridTokenXTelemetry("gridtokenx-api");

        var services = builder.Services;
        services.AddGridTokenXMarkets(builder.Configuration);
        services.AddGridTokenXMinting(builder.Configuration);
        // Read straight from the database; in standalone mode the co-hosted silo's projectors share this registration.
        if (!settings.UsesRedis) StandaloneReadModel.StartEmpty(builder.Configuration);
        services.AddGridTokenXReadModel(builder.Configuration);
        services.AddGridTokenXAuth(auth, key!);
        services.AddApiAlerts(builder.Configuration);
        services.AddRealtime(builder.Configuration);
        services.AddTrustedProxies(builder.Configuration);
        services.AddGridTokenXRateLimits(builder.Configuration);
        services.AddGridTokenXCache(builder.Configuration, settings.RedisConnectionString);
        services.AddGridTokenXCacheAccessReports();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.MaxDepth = 16;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
                context.ProblemDetails.Extensions["code"] = CodeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi();
        var health = services.AddHealthChecks().AddReadinessCheck<ClusterHealthCheck>("cluster");

        if (settings.RedisConnectionString is { } connectionString)
        {
            var redis = RedisConnectionFactory.CreateOptions(connectionString);
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis.Clone()));
            health.AddReadinessCheck<RedisHealthCheck>("redis");
            // The admin lock routes' own Redlock over the silos' nodes: listing and force-releasing need only the nodes,
            // not a grain (docs/locks.md "Admin view"). Standalone mode gets the co-hosted silo's in-process lock.
            services.AddGridTokenXLocks(connectionString, settings.Redis.LockEndpoints, new RedlockOptions { Holder = LockHolder.Describe("api") });
            // Reads back what a dropped subscription missed, with the same queue layout and retention as the silos.
            services.AddSingleton(sp =>
            {
                var o = new RedisStreamOptions();
                OptionsBinding.Bind(builder.Configuration.GetSection(StreamPullOptions.Section), o);
                return new RedisStreamCatchUp(ChannelStreams.ProviderName, o, sp.GetRequiredService<IConnectionMultiplexer>(),
                    sp.GetRequiredService<Orleans.Serialization.Serializer>());
            });

            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.Cluster.ClusterId;
                    o.ServiceId = settings.Cluster.ServiceId;
                });
                if (tracing) client.AddActivityPropagation();
                // The dashboard's data comes from the dashboard grains every silo hosts (src/Silo's AddDashboard).
                client.AddDashboard();
                client.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
                // Always: system:alerts rides the streams even when market events are off.
                var streams = builder.Configuration.GetSection(StreamPullOptions.Section);
                client.AddRedisStreams(ChannelStreams.ProviderName, o =>
                {
                    OptionsBinding.Bind(streams, o);
                    o.ConfigurationOptions = redis.Clone();
                });
                // A request caught on a silo that died should become a 503 the client can retry in seconds, not 30.
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
                client.Configure<ClientMessagingOptions>(builder.Configuration.GetSection("GridTokenX:Client"));
            });
        }
        else
        {
            StandaloneSilo.AddTo(builder, settings, tracing);
            // After the silo's own hosted service, so the grains are up when it runs.
            services.AddHostedService<DemoBalances>();
        }

        var app = builder.Build();
        // First: everything after it, the rate limits above all, sees the client address a trusted proxy reported.
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTradingPage();
        app.UseAuthentication();
        app.UseMeterConfinement();
        app.UseGridTokenXRateLimits();
        app.UseAuthorization();
        app.UseRealtimeWebSockets();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGridTokenXHealth();
        app.MapGridTokenXMetrics();
        app.MapMarkets();
        app.MapHistory();
        app.MapOrders();
        app.MapSettlements();
        app.MapRealtime();
        app.MapAlerts();
        app.MapMeters();
        app.MapMinting();
        app.MapAccounts();
        app.MapLocks();
        app.MapRateLimits();
        app.MapAdminDashboard();
        app.MapCacheWarming();

        if (!settings.UsesRedis)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? DefaultUrl;
                StandaloneBanner.Print(Console.Out, address, app.Services.GetRequiredService<TokenIssuer>(), key!.KeyFile);
            });
        }

        return app;
    }

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "body_too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        503 => "service_unavailable",
        _ => status >= 500 ? "internal_error" : "error",
    };
}
