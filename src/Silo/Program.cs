using GridTokenX.Grains.Hosting;
using GridTokenX.Silo;
using Orleans.Dashboard;

// A silo of the GridTokenX cluster. Redis is required here: a lone in-memory silo is what the API host's
// standalone mode is for.
return await HostStartup.RunAsync("silo", async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    QuietLoggingDefaults.AddTo(builder.Configuration);
    if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(SiloHealth.DefaultUrl);
    var settings = GridTokenXSettings.From(builder.Configuration);
    if (!settings.UsesRedis)
        throw new InvalidSettingsException(["GridTokenX:Redis:ConnectionString is required for a silo (for a one-process system run the ApiHost alone)."]);

    // The dashboard shares the silo's internal HTTP port (health, metrics): never expose that port publicly.
    builder.UseOrleans(silo => silo.AddGridTokenX(builder.Configuration, settings).AddDashboard());
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    var app = builder.Build();
    app.MapSiloHealth();
    app.MapOrleansDashboard("/dashboard");
    await app.RunAsync();
});
