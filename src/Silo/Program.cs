using GridTokenX.Grains.Hosting;
using GridTokenX.Silo;
using Microsoft.Extensions.Options;

// A silo of the GridTokenX cluster. Redis is required here: a lone in-memory silo is what the API host's
// standalone mode is for.
try
{
    var builder = WebApplication.CreateBuilder(args);
    QuietLoggingDefaults.AddTo(builder.Configuration);
    if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(SiloHealth.DefaultUrl);
    var settings = GridTokenXSettings.From(builder.Configuration);
    if (!settings.UsesRedis)
        throw new InvalidSettingsException(["GridTokenX:Redis:ConnectionString is required for a silo (for a one-process system run the ApiHost alone)."]);

    builder.UseOrleans(silo => silo.AddGridTokenX(builder.Configuration, settings));
    builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
    var app = builder.Build();
    app.MapSiloHealth();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidSettingsException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync(ex is OptionsValidationException o
        ? "Invalid settings:" + Environment.NewLine + string.Join(Environment.NewLine, o.Failures.Select(f => "  - " + f))
        : ex.Message);
    return 2;
}
catch (StackExchange.Redis.RedisConnectionException ex)
{
    // Redis unreachable at start-up: say which setting to check instead of dying with a stack trace.
    await Console.Error.WriteLineAsync(
        $"Cannot start the silo: Redis is unreachable ({ex.FailureType}). Check GridTokenX:Redis:ConnectionString and that Redis is running.");
    return 3;
}
