using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace GridTokenX.Redis.Streaming;

/// <summary>
/// Meter <c>GridTokenX.Streams</c>, tagged by provider and queue: events appended, read, re-read after a move or
/// crash, acknowledged; and per queue owned here the pending count (read, not yet acknowledged) and lag (in Redis,
/// not yet read), both as last seen by this process; and per queue the delivery delay: how old the newest entry of the
/// last read was when it was read (zero once a read finds nothing new), which the silo's alert monitor polls.
/// </summary>
public sealed class RedisStreamMetrics : IDisposable
{
    public const string MeterName = "GridTokenX.Streams";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _read;
    private readonly Counter<long> _reclaimed;
    private readonly Counter<long> _acknowledged;
    private readonly ConcurrentDictionary<(string Provider, string Queue), QueueGauges> _queues = new();
    private readonly ConcurrentDictionary<(string Provider, string Queue), TimeSpan> _delays = new();
    private readonly TimeProvider _time;

    public RedisStreamMetrics(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if (services.GetService<IMeterFactory>() is { } factory)
        {
            _meter = factory.Create(MeterName);
        }
        else
        {
            _meter = new Meter(MeterName);
            _ownsMeter = true;
        }

        _published = _meter.CreateCounter<long>("gridtokenx.streams.events.published", "{event}", "Events appended to a queue's Redis stream.");
        _read = _meter.CreateCounter<long>("gridtokenx.streams.events.read", "{event}", "Events read from a queue by its pulling agent.");
        _reclaimed = _meter.CreateCounter<long>("gridtokenx.streams.events.reclaimed", "{event}",
            "Events read again from the pending list when a queue started on this silo (possible duplicates).");
        _acknowledged = _meter.CreateCounter<long>("gridtokenx.streams.events.acknowledged", "{event}", "Events acknowledged after delivery.");
        _meter.CreateObservableGauge("gridtokenx.streams.pending", () => Observe(static g => g.Pending), "{entry}",
            "Entries read from a queue but not yet acknowledged.");
        _meter.CreateObservableGauge("gridtokenx.streams.lag", () => Observe(static g => g.Lag), "{entry}",
            "Entries in a queue not yet read by its consumer group.");
        _meter.CreateObservableGauge("gridtokenx.streams.delay", ObserveDelays, "ms",
            "Age of the newest entry of a queue's last read when it was read (0 when the read found nothing new).");
    }

    /// <summary>The delivery delay of every queue this process reads, as of its last read.</summary>
    public IReadOnlyList<StreamQueueDelay> Delays() =>
        [.. _delays.Select(static d => new StreamQueueDelay(d.Key.Provider, d.Key.Queue, d.Value))];

    internal void Published(string provider, string queue, int events) => _published.Add(events, Tags(provider, queue));

    internal void Read(string provider, string queue, int events, bool reclaimed)
    {
        _read.Add(events, Tags(provider, queue));
        if (reclaimed) _reclaimed.Add(events, Tags(provider, queue));
    }

    internal void Acknowledged(string provider, string queue, int events) => _acknowledged.Add(events, Tags(provider, queue));

    internal void QueueState(string provider, string queue, long pending, long lag)
    {
        var gauges = _queues.GetOrAdd((provider, queue), static _ => new QueueGauges());
        gauges.Pending = pending;
        gauges.Lag = lag;
    }

    /// <summary>A read returned entries up to this one (Redis entry ids start with the append time in ms), or nothing when null.</summary>
    internal void ReadUpTo(string provider, string queue, string? newestEntryId)
    {
        var delay = TimeSpan.Zero;
        if (newestEntryId is not null)
        {
            var appended = DateTimeOffset.FromUnixTimeMilliseconds(RedisStreamEntryId.Milliseconds(newestEntryId));
            // Redis's clock and this host's may differ slightly; a negative age is just "no delay".
            delay = _time.GetUtcNow() - appended;
            if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        }

        _delays[(provider, queue)] = delay;
    }

    internal void QueueReleased(string provider, string queue)
    {
        _queues.TryRemove((provider, queue), out _);
        _delays.TryRemove((provider, queue), out _);
    }

    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }

    private IEnumerable<Measurement<long>> Observe(Func<QueueGauges, long> value)
    {
        foreach (var ((provider, queue), gauges) in _queues)
        {
            var v = value(gauges);
            if (v >= 0) yield return new Measurement<long>(v, Tags(provider, queue));
        }
    }

    private IEnumerable<Measurement<double>> ObserveDelays()
    {
        foreach (var ((provider, queue), delay) in _delays) yield return new Measurement<double>(delay.TotalMilliseconds, Tags(provider, queue));
    }

    private static TagList Tags(string provider, string queue) => new() { { "provider", provider }, { "queue", queue } };

    private sealed class QueueGauges
    {
        public long Pending { get; set; }

        public long Lag { get; set; } = -1;
    }
}
