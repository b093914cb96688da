using System.Collections.Concurrent;
using System.Diagnostics;

namespace GridTokenX.ApiHost.Tests.Hosting;

/// <summary>Every activity of this process that stops while it listens (any source, all sampled), for trace assertions.</summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ConcurrentQueue<RecordedSpan> _spans = new();
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _spans.Enqueue(new RecordedSpan(a.TraceId, a.SpanId, a.ParentSpanId, a.Source.Name, a.DisplayName, a.Kind)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<RecordedSpan> InTrace(ActivityTraceId traceId) => [.. _spans.Where(s => s.TraceId == traceId)];

    public void Dispose() => _listener.Dispose();
}

public sealed record RecordedSpan(ActivityTraceId TraceId, ActivitySpanId SpanId, ActivitySpanId ParentSpanId, string Source, string Name, ActivityKind Kind);
