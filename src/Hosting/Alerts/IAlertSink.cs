using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.Hosting.Alerts;

/// <summary>Where detectors send what they find: in a host, the <see cref="AlertRaiser"/>. Never blocks.</summary>
public interface IAlertSink
{
    /// <param name="details">Facts for operators: numbers, ids, channel names. Never a token or secret.</param>
    void Raise(AlertKind kind, AlertSeverity severity, string message, IReadOnlyDictionary<string, string> details);
}
