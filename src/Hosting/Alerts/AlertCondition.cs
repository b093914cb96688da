using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Hosting.Alerts;

/// <summary>
/// A condition that is bad or fine (Redis down, memory high, stream delayed), turned into alerts that cannot flood:
/// going bad is announced at most once per cooldown; going fine is announced at once, but only after a bad that was
/// announced. A flap inside the cooldown is held back and announced when the cooldown ends if the condition is still
/// bad then, so the last word on the channel always matches the current state within one cooldown.
/// </summary>
public sealed class AlertCondition(TimeSpan cooldown)
{
    private bool _announcedBad;
    private DateTimeOffset? _lastRaised;

    public bool IsAnnouncedBad => _announcedBad;

    /// <summary>Bad observations held back by the cooldown since the last raise.</summary>
    public int HeldBack { get; private set; }

    /// <summary>Feed every observation, and re-feed the current state periodically so a held-back raise can go out.</summary>
    public ConditionChange Observe(bool bad, DateTimeOffset now)
    {
        if (bad == _announcedBad) return ConditionChange.None;
        if (!bad)
        {
            _announcedBad = false;
            return ConditionChange.Resolve;
        }

        if (_lastRaised is { } last && now - last < cooldown)
        {
            HeldBack++;
            return ConditionChange.None;
        }

        _announcedBad = true;
        _lastRaised = now;
        HeldBack = 0;
        return ConditionChange.Raise;
    }

    /// <summary>
    /// <see cref="Observe"/>, then a warning of <paramref name="kind"/> when the condition is raised, or an info of the
    /// same kind with <c>state=resolved</c> in its details when it is over.
    /// </summary>
    public void Report(bool bad, DateTimeOffset now, IAlertSink sink, AlertKind kind, string raised, string resolved,
        Dictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(details);
        switch (Observe(bad, now))
        {
            case ConditionChange.Raise:
                sink.Raise(kind, AlertSeverity.Warning, raised, details);
                break;
            case ConditionChange.Resolve:
                details["state"] = "resolved";
                sink.Raise(kind, AlertSeverity.Info, resolved, details);
                break;
        }
    }
}
