using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// One <c>redis_connection_lost</c> when the host's Redis connection goes down and one <c>redis_connection_restored</c>
/// when it is back. A multiplexer reports each endpoint (and each failed reconnect attempt) separately; they are
/// collapsed: down while any endpoint that failed is not restored yet, up once all are.
/// </summary>
public sealed class RedisConnectionDetector(IAlertSink sink, TimeProvider time, TimeSpan cooldown)
{
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private readonly AlertCondition _condition = new(cooldown);
    private readonly Lock _gate = new();
    private string _lastFailure = "";
    private DateTimeOffset _downSince;

    public bool IsDown
    {
        get
        {
            lock (_gate) return _failed.Count > 0;
        }
    }

    public void Failed(string endpoint, string failureType)
    {
        lock (_gate)
        {
            if (_failed.Count == 0) _downSince = time.GetUtcNow();
            _failed.Add(endpoint);
            _lastFailure = failureType;
            Evaluate();
        }
    }

    public void Restored(string endpoint)
    {
        lock (_gate)
        {
            _failed.Remove(endpoint);
            Evaluate();
        }
    }

    /// <summary>Called periodically: announces a loss the cooldown held back if the connection is still down.</summary>
    public void Recheck()
    {
        lock (_gate) Evaluate();
    }

    private void Evaluate()
    {
        var now = time.GetUtcNow();
        switch (_condition.Observe(_failed.Count > 0, now))
        {
            case ConditionChange.Raise:
                var endpoints = string.Join(",", _failed.Order(StringComparer.Ordinal));
                sink.Raise(AlertKind.RedisConnectionLost, AlertSeverity.Critical, $"Lost the connection to Redis ({endpoints}).",
                    new Dictionary<string, string>
                    {
                        ["endpoints"] = endpoints,
                        ["failure_type"] = _lastFailure,
                        ["down_since"] = _downSince.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    });
                break;
            case ConditionChange.Resolve:
                var outage = now - _downSince;
                sink.Raise(AlertKind.RedisConnectionRestored, AlertSeverity.Info, "The connection to Redis is restored.",
                    new Dictionary<string, string>
                    {
                        ["outage_ms"] = ((long)outage.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    });
                break;
        }
    }
}
