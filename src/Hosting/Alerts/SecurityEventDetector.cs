using System.Globalization;
using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// <c>security_event</c> alerts: a burst of failed authentications from one client IP (at least the threshold within
/// the sliding window), and subscriptions refused as forbidden. Each is limited to one alert per IP or user per
/// cooldown; the alert names the IP, user and channels, never a token.
/// </summary>
public sealed class SecurityEventDetector(IAlertSink sink, TimeProvider time, AlertsOptions options)
{
    private const int MaxTrackedClients = 10_000;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly AlertThrottle _throttle = new(time, options.Cooldown);
    private readonly Lock _gate = new();

    /// <param name="reason">What was wrong with the credentials (an exception type name), never the credentials.</param>
    public void AuthenticationFailed(string clientIp, string reason)
    {
        var now = time.GetUtcNow();
        int count;
        lock (_gate)
        {
            if (!_failures.TryGetValue(clientIp, out var recent))
            {
                if (_failures.Count >= MaxTrackedClients) Prune(now);
                _failures[clientIp] = recent = new Queue<DateTimeOffset>();
            }

            Expire(recent, now);
            recent.Enqueue(now);
            count = recent.Count;
            if (count < options.FailedAuthThreshold) return;
            // A new alert needs a new burst: the failures that made this one are spent.
            recent.Clear();
        }

        if (!_throttle.TryPass(AlertKind.SecurityEvent, "auth:" + clientIp, out var suppressed)) return;
        sink.Raise(AlertKind.SecurityEvent, AlertSeverity.Warning,
            $"{count} failed authentications from {clientIp} within {options.FailedAuthWindow.TotalSeconds:0.#} s.",
            new Dictionary<string, string>
            {
                ["event"] = "failed_authentication_burst",
                ["client_ip"] = clientIp,
                ["failures"] = count.ToString(CultureInfo.InvariantCulture),
                ["window_seconds"] = options.FailedAuthWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                ["last_reason"] = reason,
                ["suppressed_alerts"] = suppressed.ToString(CultureInfo.InvariantCulture),
            });
    }

    /// <param name="caller">The user id, or <c>anonymous</c>.</param>
    public void Forbidden(string caller, string? clientIp, IReadOnlyList<string> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (!_throttle.TryPass(AlertKind.SecurityEvent, "subscribe:" + caller + "@" + clientIp, out var suppressed)) return;
        var names = string.Join(",", channels.Take(10));
        sink.Raise(AlertKind.SecurityEvent, AlertSeverity.Warning, $"{caller} was refused the channel(s) {names}.",
            new Dictionary<string, string>
            {
                ["event"] = "forbidden_subscription",
                ["user"] = caller,
                ["channels"] = names,
                ["client_ip"] = clientIp ?? "",
                ["suppressed_alerts"] = suppressed.ToString(CultureInfo.InvariantCulture),
            });
    }

    private void Expire(Queue<DateTimeOffset> recent, DateTimeOffset now)
    {
        while (recent.Count > 0 && now - recent.Peek() >= options.FailedAuthWindow) recent.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (ip, recent) in _failures.ToList())
        {
            Expire(recent, now);
            if (recent.Count == 0) _failures.Remove(ip);
        }
    }
}
