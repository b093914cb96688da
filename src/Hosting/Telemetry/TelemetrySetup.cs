using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace GridTokenX.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: this project's <c>GridTokenX.*</c> meters with Orleans', ASP.NET Core's, Kestrel's and
/// the runtime's, scraped in the Prometheus format at <see cref="MetricsPath"/>; traces (HTTP request → grain call →
/// Redis) exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";
    private const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    // Latencies here are sub-millisecond to seconds; OpenTelemetry's default buckets (0 to 10,000) suit milliseconds.
    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] CountBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    /// <summary>Whether traces are exported; grain-call propagation is added only then, as it costs every call.</summary>
    public static bool TracingEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static IHostApplicationBuilder AddGridTokenXTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter("GridTokenX.*")
                // Named as well as matched above: the read cache's meter lives in GridTokenX.Redis, not in a host.
                .AddMeter(GridTokenX.Redis.Caching.CacheMetrics.MeterName)
                .AddMeter("Microsoft.Orleans")
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddMeter("System.Runtime")
                .AddView(BucketsFor)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (TracingEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(Orleans.Diagnostics.ActivitySources.AllActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != MetricsPath)
                .AddRedisInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Serves the Prometheus text format at <see cref="MetricsPath"/>, without authentication.</summary>
    public static IEndpointConventionBuilder MapGridTokenXMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();

    private static MetricStreamConfiguration? BucketsFor(System.Diagnostics.Metrics.Instrument instrument)
    {
        if (!instrument.Meter.Name.StartsWith("GridTokenX.", StringComparison.Ordinal)) return null;
        var type = instrument.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(System.Diagnostics.Metrics.Histogram<>)) return null;
        return new ExplicitBucketHistogramConfiguration { Boundaries = instrument.Unit == "s" ? SecondsBuckets : CountBuckets };
    }
}
