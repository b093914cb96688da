using GridTokenX.Grains.Hosting;
using GridTokenX.Hosting;
using GridTokenX.Hosting.Alerts;
using GridTokenX.Hosting.Caching;
using GridTokenX.Hosting.Health;
using GridTokenX.Hosting.Settings;
using GridTokenX.Hosting.Telemetry;
using GridTokenX.Silo;
using Orleans.Dashboard;

// A silo of the GridTokenX cluster. Redis is required here: a lone in-memory silo is what the API host's
// standalone mode is for.
return await HostStartup.RunAsync("silo", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    QuietLoggingDefaults.AddTo(builder.Configuration);
    if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(SiloDefaults.DefaultUrl);
    var settings = HostSettings.Read(builder.Configuration);
    if (!settings.UsesRedis)
        throw new InvalidSettingsException(["GridTokenX:Redis:ConnectionString is required for a silo (for a one-process system run the ApiHost alone)."]);

    var tracing = TelemetrySetup.TracingEnabled(builder.Configuration);
    builder.AddGridTokenXTelemetry("gridtokenx-silo");
    builder.Services.AddGridTokenXAlerts(builder.Configuration, "silo");
    builder.Services.AddGridTokenXCache(builder.Configuration, settings.RedisConnectionString);
    builder.Services.AddHealthChecks()
        .AddReadinessCheck<SiloMembershipHealthCheck>("cluster")
        .AddReadinessCheck<RedisHealthCheck>("redis");
    // The dashboard's grains and counters live here; admins see it through the API hosts (/dashboard, admin only).
    builder.UseOrleans(silo =>
    {
        silo.AddGridTokenX(builder.Configuration, SiloSettingsFrom(settings)).AddDashboard();
        if (!string.IsNullOrWhiteSpace(settings.Silo.Name)) silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = settings.Silo.Name);
        if (tracing) silo.AddActivityPropagation();
    });
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = SiloDefaults.ShutdownTimeout);
    var app = builder.Build();
    app.MapGridTokenXHealth();
    app.MapGridTokenXMetrics();
    await app.RunAsync();
});

static SiloSettings SiloSettingsFrom(HostSettings settings) =>
    new(settings.Cluster.ClusterId, settings.Cluster.ServiceId, settings.RedisConnectionString, settings.Silo.SiloPort,
        settings.Silo.GatewayPort, settings.AdvertisedAddress, settings.Streams.PullPeriod)
    {
        LockEndpoints = settings.Redis.LockEndpoints,
    };
