using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// At most one alert per (kind, key) per cooldown, so a client hammering a bad token or a forbidden channel cannot
/// flood the channel. What it holds back is counted and reported with the next alert that passes.
/// </summary>
public sealed class AlertThrottle(TimeProvider time, TimeSpan cooldown, int maxKeys = 10_000)
{
    private readonly Dictionary<(AlertKind Kind, string Key), Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>True when an alert may go out now; <paramref name="suppressed"/> is how many were held back since the last one.</summary>
    public bool TryPass(AlertKind kind, string key, out int suppressed)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_entries.TryGetValue((kind, key), out var entry) && now - entry.LastPassed < cooldown)
            {
                entry.Suppressed++;
                suppressed = entry.Suppressed;
                return false;
            }

            suppressed = entry?.Suppressed ?? 0;
            if (_entries.Count >= maxKeys) Prune(now);
            _entries[(kind, key)] = new Entry { LastPassed = now };
            return true;
        }
    }

    // Keys whose cooldown is over behave exactly like unknown ones, so forgetting them changes nothing but the count.
    private void Prune(DateTimeOffset now)
    {
        foreach (var (k, e) in _entries.ToList())
        {
            if (now - e.LastPassed >= cooldown) _entries.Remove(k);
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset LastPassed { get; init; }

        public int Suppressed { get; set; }
    }
}
