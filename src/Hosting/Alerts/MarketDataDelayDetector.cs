using System.Globalization;
using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Redis.Streaming;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// <c>market_data_delay</c> (warning) when a stream queue's reader falls further behind than the threshold, and one
/// of severity info when it has caught up again. Each queue is its own condition.
/// </summary>
public sealed class MarketDataDelayDetector(IAlertSink sink, TimeProvider time, TimeSpan threshold, TimeSpan cooldown)
{
    private readonly Dictionary<(string Provider, string Queue), AlertCondition> _queues = [];

    public void Check(IReadOnlyList<StreamQueueDelay> delays)
    {
        ArgumentNullException.ThrowIfNull(delays);
        var now = time.GetUtcNow();
        foreach (var d in delays)
        {
            if (!_queues.TryGetValue((d.Provider, d.Queue), out var condition))
                _queues[(d.Provider, d.Queue)] = condition = new AlertCondition(cooldown);
            var details = new Dictionary<string, string>
            {
                ["provider"] = d.Provider,
                ["queue"] = d.Queue,
                ["delay_ms"] = ((long)d.Delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                ["threshold_ms"] = ((long)threshold.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            };
            condition.Report(d.Delay > threshold, now, sink, AlertKind.MarketDataDelay,
                $"Market data on {d.Queue} is {d.Delay.TotalSeconds:0.0} s behind (threshold {threshold.TotalSeconds:0.#} s).",
                $"Market data on {d.Queue} has caught up.", details);
        }
    }
}
