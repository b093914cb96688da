using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace GridTokenX.Grains.Observability;

/// <summary>
/// Aggregates this process's <c>GridTokenX.*</c> meters (plus ASP.NET Core's HTTP server meter) and renders them in
/// the Prometheus text format for <c>GET /metrics</c>. Counters are summed, histograms bucketed; both per tag set.
/// Only meters created by this host's own <see cref="IMeterFactory"/> count, so hosts sharing a process (tests,
/// standalone mode's co-hosted silo is the same container) never mix their numbers.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    private static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] CountBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> _series = new();

    public PrometheusMetrics(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter.Scope, meters)) return;
            if (instrument.Meter.Name.StartsWith("GridTokenX.", StringComparison.Ordinal)
                || (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration"))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var group in _series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Meter.Name).ThenBy(g => g.Key.Name))
        {
            var instrument = group.Key;
            var name = MetricName(instrument);
            var histogram = IsHistogram(instrument);
            text.Append("# HELP ").Append(name).Append(' ').Append(Escape(instrument.Description ?? instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(histogram ? "histogram" : IsGauge(instrument) ? "gauge" : "counter").Append('\n');
            foreach (var ((_, labels), series) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (!histogram)
                    {
                        Line(text, name, labels, null, series.Sum);
                        continue;
                    }

                    long cumulative = 0;
                    for (var b = 0; b < series.Bounds.Length; b++)
                    {
                        cumulative += series.Counts[b];
                        Line(text, name + "_bucket", labels, ("le", Format(series.Bounds[b])), cumulative);
                    }

                    Line(text, name + "_bucket", labels, ("le", "+Inf"), series.Count);
                    Line(text, name + "_sum", labels, null, series.Sum);
                    Line(text, name + "_count", labels, null, series.Count);
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var series = _series.GetOrAdd((instrument, labels),
            static (key, histogram) => new Series(histogram ? key.Instrument.Unit == "s" ? Buckets : CountBuckets : []), IsHistogram(instrument));
        lock (series)
        {
            if (IsGauge(instrument))
            {
                series.Sum = value;
                return;
            }

            series.Sum += value;
            series.Count++;
            for (var b = 0; b < series.Bounds.Length; b++)
            {
                if (value <= series.Bounds[b])
                {
                    series.Counts[b]++;
                    break;
                }
            }
        }
    }

    private static bool IsHistogram(Instrument i) => i.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);

    private static bool IsGauge(Instrument i) => i.GetType().Name.StartsWith("ObservableGauge", StringComparison.Ordinal)
        || i.GetType().Name.StartsWith("Gauge", StringComparison.Ordinal) || i.GetType().Name.Contains("UpDown", StringComparison.Ordinal);

    private static string MetricName(Instrument i)
    {
        var name = new StringBuilder();
        foreach (var c in i.Name) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        if (i.Unit == "s" && !i.Name.EndsWith("seconds", StringComparison.Ordinal)) name.Append("_seconds");
        if (!IsHistogram(i) && !IsGauge(i)) name.Append("_total");
        return name.ToString();
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0) return "";
        var parts = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            var k = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
            parts.Add($"{k}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private static void Line(StringBuilder text, string name, string labels, (string Key, string Value)? extra, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || extra is not null)
        {
            text.Append('{').Append(labels);
            if (extra is { } e) text.Append(labels.Length > 0 ? "," : "").Append(e.Key).Append("=\"").Append(e.Value).Append('"');
            text.Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series(double[] bounds)
    {
        public double[] Bounds { get; } = bounds;
        public long[] Counts { get; } = new long[bounds.Length];
        public double Sum { get; set; }
        public long Count { get; set; }
    }
}
