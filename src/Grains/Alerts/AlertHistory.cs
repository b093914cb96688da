using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Grains.Alerts;

/// <summary>
/// The most recent alerts, at most <paramref name="capacity"/>, each id once. Alerts can arrive out of time order (a
/// host delivers what it queued during an outage later), so the oldest by raise time is the one that makes room.
/// </summary>
public sealed class AlertHistory(int capacity)
{
    private readonly List<Alert> _alerts = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public int Count => _alerts.Count;

    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>False when the id is already here (or the alert is older than everything a full history keeps).</summary>
    public bool Add(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!_ids.Add(alert.Id)) return false;
        _alerts.Add(alert);
        if (_alerts.Count <= capacity) return true;

        var oldest = 0;
        for (var i = 1; i < _alerts.Count; i++)
        {
            if (Older(_alerts[i], _alerts[oldest])) oldest = i;
        }

        _ids.Remove(_alerts[oldest].Id);
        var evicted = _alerts[oldest];
        _alerts.RemoveAt(oldest);
        return !ReferenceEquals(evicted, alert);
    }

    /// <summary>Newest first: by raise time, then by id (ids are time-ordered UUIDv7s).</summary>
    public List<Alert> Newest(int limit, IEnumerable<Alert>? alsoInclude = null) =>
        [.. _alerts.Concat(alsoInclude ?? []).OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id, StringComparer.Ordinal).Take(limit)];

    public List<Alert> ToList() => [.. _alerts];

    private static bool Older(Alert a, Alert b) =>
        a.RaisedAt < b.RaisedAt || (a.RaisedAt == b.RaisedAt && string.CompareOrdinal(a.Id, b.Id) < 0);
}
