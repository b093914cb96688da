using System.Diagnostics;
using System.Net;
using GridTokenX.TestSupport;

namespace GridTokenX.ApiHost.Tests.Hosting;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, one order request is one trace: the HTTP request's span, the grain
/// call's spans (propagated from the API host's Orleans client to the silo) and the Redis commands the grain issues.
/// </summary>
public sealed class TracingTests
{
    private const string RedisSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";
    private static readonly ActivitySource Test = new("GridTokenX.Tests.Tracing");

    [Fact]
    public async Task An_order_request_is_one_trace_from_HTTP_through_the_grain_call_to_Redis()
    {
        using var recorder = new ActivityRecorder();
        // Nobody listens there: exports fail quietly, which is all this test needs of the exporter.
        await using var hosts = await RedisModeHosts.StartAsync("tracing",
            new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}" });
        using var client = hosts.As("tracer");

        ActivityTraceId traceId;
        using (var root = Test.StartActivity("place an order", ActivityKind.Client)!)
        {
            traceId = root.TraceId;
            var response = await client.PostAsync("/api/v1/orders", ApiFixture.Json(
                """{"symbol":"ENERGY-USD","side":"buy","type":"limit","price":"0.1","quantity":"1","client_order_id":"traced-1"}"""));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // The Redis instrumentation reports a command's span when it drains its profiling session (every few seconds);
        // the server's HTTP span is recorded when the request ends on the server, which may be after the client has
        // its response: wait for both.
        var spans = await Eventually.Until(() => Task.FromResult(recorder.InTrace(traceId)),
            s => s.Any(span => span.Source == RedisSource && Ancestors(span, s).Any(IsGrainCallServer))
                 && s.Any(span => span is { Source: "Microsoft.AspNetCore", Kind: ActivityKind.Server }), TimeSpan.FromSeconds(60),
            "a Redis command of the grain call, and the HTTP request's span, in the request's trace");

        // The grain's own Redis commands (client-order-id claim, journal append), not its activation's journal load.
        var trace = string.Join(Environment.NewLine, spans.Select(s => $"{s.SpanId} <- {s.ParentSpanId} {s.Source} {s.Kind} {s.Name}"));
        var http = Assert.Single(spans, s => s is { Source: "Microsoft.AspNetCore", Kind: ActivityKind.Server });
        var ancestors = Ancestors(spans.First(s => s.Source == RedisSource && Ancestors(s, spans).Any(IsGrainCallServer)), spans);
        Assert.True(ancestors.Any(s => s.Source.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Kind == ActivityKind.Client),
            "The silo's grain-call span descends from the API host's:" + Environment.NewLine + trace);
        Assert.True(ancestors.Contains(http), "... which descends from the HTTP request's span:" + Environment.NewLine + trace);
    }

    private static bool IsGrainCallServer(RecordedSpan span) =>
        span.Source.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && span.Kind == ActivityKind.Server;

    private static List<RecordedSpan> Ancestors(RecordedSpan span, IReadOnlyList<RecordedSpan> trace)
    {
        var bySpan = trace.ToDictionary(s => s.SpanId);
        var chain = new List<RecordedSpan>();
        for (var current = span; bySpan.TryGetValue(current.ParentSpanId, out var parent); current = parent) chain.Add(parent);
        return chain;
    }
}
