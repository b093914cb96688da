using System.Diagnostics.Metrics;
using GridTokenX.Grains.Abstractions.Trading;

namespace GridTokenX.Grains.Trading;

/// <summary>The <c>GridTokenX.Trading</c> meter: what the order books do and what their journals cost.</summary>
public sealed class TradingMetrics
{
    public const string MeterName = "GridTokenX.Trading";

    private readonly Counter<long> _orders;
    private readonly Counter<long> _trades;
    private readonly Counter<long> _cancels;
    private readonly Histogram<int> _batchCommands;
    private readonly Histogram<double> _journalWrite;
    private readonly Counter<long> _journalFailures;
    private readonly Counter<long> _publicationWaits;
    private readonly Counter<long> _eventsPublished;
    private readonly Histogram<long> _roundCommands;
    private readonly Histogram<double> _roundDuration;
    private readonly Counter<long> _publicationRefusals;

    public TradingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _orders = meter.CreateCounter<long>("gtx.orders", description: "Order placements by market and outcome");
        _trades = meter.CreateCounter<long>("gtx.trades", description: "Trades executed");
        _cancels = meter.CreateCounter<long>("gtx.cancels", description: "Orders cancelled on request");
        _batchCommands = meter.CreateHistogram<int>("gtx.journal.batch.commands", description: "Commands per journal write (group commit)");
        _journalWrite = meter.CreateHistogram<double>("gtx.journal.write.duration", unit: "s", description: "Journal write round trip");
        _journalFailures = meter.CreateCounter<long>("gtx.journal.failures", description: "Journal writes that failed or lost ownership");
        _eventsPublished = meter.CreateCounter<long>("gtx.events.published", description: "Market events handed to the stream provider");
        _roundCommands = meter.CreateHistogram<long>("gtx.events.publish.commands", description: "Journaled commands whose events one publish round carried");
        _roundDuration = meter.CreateHistogram<double>("gtx.events.publish.duration", unit: "s", description: "One publish round: appending its events to the market's streams");
        _publicationWaits = meter.CreateCounter<long>("gtx.events.backpressure.waits", description: "Commands that waited for event publication to catch up");
        _publicationRefusals = meter.CreateCounter<long>("gtx.events.backpressure.refusals", description: "Commands refused because event publication stayed behind");
    }

    public void OrderPlaced(string symbol, PlaceOrderOutcome outcome, int trades)
    {
        _orders.Add(1, new KeyValuePair<string, object?>("symbol", symbol), new KeyValuePair<string, object?>("outcome", Label(outcome)));
        if (trades > 0) _trades.Add(trades, new KeyValuePair<string, object?>("symbol", symbol));
    }

    private static string Label(PlaceOrderOutcome outcome) => outcome switch
    {
        PlaceOrderOutcome.Created => "created",
        PlaceOrderOutcome.Duplicate => "duplicate",
        PlaceOrderOutcome.ClientOrderIdConflict => "client_order_id_conflict",
        _ => "rejected",
    };

    public void OrderCancelled(string symbol) => _cancels.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void JournalWritten(string symbol, int commands, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("symbol", symbol);
        _batchCommands.Record(commands, tag);
        _journalWrite.Record(elapsed.TotalSeconds, tag);
    }

    public void JournalFailed(string symbol) => _journalFailures.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void PublicationWaited(string symbol) => _publicationWaits.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void PublicationRefused(string symbol) => _publicationRefusals.Add(1, new KeyValuePair<string, object?>("symbol", symbol));

    public void EventsPublished(string symbol, int events, long commands, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("symbol", symbol);
        _eventsPublished.Add(events, tag);
        _roundCommands.Record(commands, tag);
        _roundDuration.Record(elapsed.TotalSeconds, tag);
    }
}
