using System.Diagnostics.Metrics;

namespace GridTokenX.ApiHost.Realtime;

/// <summary>The <c>GridTokenX.Realtime</c> meter: sockets, subscriptions and what reached them.</summary>
public sealed class RealtimeMetrics
{
    public const string MeterName = "GridTokenX.Realtime";

    private readonly Counter<long> _delivered;
    private readonly Counter<long> _recovered;
    private readonly Counter<long> _caughtUp;
    private readonly Counter<long> _coalesced;
    private readonly Counter<long> _slowConsumers;
    private long _connections;
    private long _subscriptions;
    private long _sourceSubscriptions;
    private long _slowConsumerCount;

    public RealtimeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        // Observable, so an exporter reads the level itself rather than summing deltas.
        meter.CreateObservableUpDownCounter("gtx.realtime.connections", () => Interlocked.Read(ref _connections),
            description: "Open WebSocket connections");
        meter.CreateObservableUpDownCounter("gtx.realtime.subscriptions", () => Interlocked.Read(ref _subscriptions),
            description: "Channel subscriptions over all open sockets");
        meter.CreateObservableUpDownCounter("gtx.realtime.source_subscriptions", () => Interlocked.Read(ref _sourceSubscriptions),
            description: "Channels this host takes from its event source");
        _delivered = meter.CreateCounter<long>("gtx.realtime.events.delivered", description: "Events written to sockets");
        _coalesced = meter.CreateCounter<long>("gtx.realtime.events.coalesced", description: "Book updates replaced by a newer one before being sent");
        _recovered = meter.CreateCounter<long>("gtx.realtime.source_subscriptions.recovered", description: "Stream subscriptions Orleans dropped that the host took again");
        _caughtUp = meter.CreateCounter<long>("gtx.realtime.events.caught_up", description: "Events read back from Redis after a dropped subscription");
        _slowConsumers = meter.CreateCounter<long>("gtx.realtime.slow_consumer_disconnects", description: "Sockets closed because they could not keep up");
    }

    public long Connections => Interlocked.Read(ref _connections);

    public long SlowConsumerDisconnects => Interlocked.Read(ref _slowConsumerCount);

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    public void Subscribed(int count) => Interlocked.Add(ref _subscriptions, count);

    public void Unsubscribed(int count) => Interlocked.Add(ref _subscriptions, -count);

    public void SourceSubscribed() => Interlocked.Increment(ref _sourceSubscriptions);

    public void SourceUnsubscribed() => Interlocked.Decrement(ref _sourceSubscriptions);

    public void Delivered() => _delivered.Add(1);

    public void SourceRecovered(int caughtUp)
    {
        _recovered.Add(1);
        _caughtUp.Add(caughtUp);
    }

    public void Coalesced() => _coalesced.Add(1);

    public void SlowConsumer()
    {
        Interlocked.Increment(ref _slowConsumerCount);
        _slowConsumers.Add(1);
    }
}
