using System.Diagnostics.Metrics;

namespace GridTokenX.Grains.Settlement;

/// <summary>Meter <c>GridTokenX.Settlement</c>: trades settled, how long after execution, and passes that had to retry.</summary>
public sealed class SettlementMetrics
{
    public const string MeterName = "GridTokenX.Settlement";

    private readonly Counter<long> _settled;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _latency;

    public SettlementMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _settled = meter.CreateCounter<long>("gtx.settlement.trades", description: "Trades settled");
        _retries = meter.CreateCounter<long>("gtx.settlement.retries", description: "Settlement passes retried, by reason");
        _latency = meter.CreateHistogram<double>("gtx.settlement.latency", unit: "s", description: "Trade execution to settled");
    }

    public void Settled(string symbol, TimeSpan sinceExecution)
    {
        var tag = new KeyValuePair<string, object?>("symbol", symbol);
        _settled.Add(1, tag);
        _latency.Record(Math.Max(0, sinceExecution.TotalSeconds), tag);
    }

    public void Retried(string symbol, string reason) =>
        _retries.Add(1, new KeyValuePair<string, object?>("symbol", symbol), new KeyValuePair<string, object?>("reason", reason));
}
