using GridTokenX.ApiHost.Hosting;
using GridTokenX.ApiHost.Tests.Realtime;
using GridTokenX.Bench.FanoutHost;
using GridTokenX.Hosting;

// The production API host, plus a second, in-process feed into the same hub (the fan-out baseline) and two
// bench-only endpoints. Nothing here is in src/: production builds never carry the trigger.
return await HostStartup.RunAsync("fan-out bench host", () =>
{
    var app = ApiApplication.Build(args, builder =>
    {
        builder.Services.AddSingleton<LocalChannelSource>();
        builder.Services.AddSingleton<EventTemplates>();
        builder.Services.AddSingleton<Broadcaster>();
        builder.Services.AddSingleton<ThreadPoolWatch>();
        builder.Services.AddSingleton<ArrivalAges>();
        builder.Host.UseServiceProviderFactory(new MirroringServiceProviderFactory());
    });
    app.MapBenchEndpoints();
    app.Services.GetRequiredService<ThreadPoolWatch>(); // sampling from the start, not from the first read
    return app.RunAsync();
});
