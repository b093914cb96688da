using GridTokenX.Grains.Abstractions.Alerts;
using GridTokenX.Hosting.Alerts;

namespace GridTokenX.Hosting.Tests.Alerts;

/// <summary>Keeps what detectors raise, in order.</summary>
public sealed class RecordingSink : IAlertSink
{
    public List<(AlertKind Kind, AlertSeverity Severity, string Message, IReadOnlyDictionary<string, string> Details)> Raised { get; } = [];

    public IEnumerable<AlertKind> Kinds => Raised.Select(r => r.Kind);

    public void Raise(AlertKind kind, AlertSeverity severity, string message, IReadOnlyDictionary<string, string> details) =>
        Raised.Add((kind, severity, message, details));
}
