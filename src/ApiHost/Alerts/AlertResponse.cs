using GridTokenX.ApiHost.Http;
using GridTokenX.Grains.Abstractions.Alerts;

namespace GridTokenX.ApiHost.Alerts;

/// <summary>An alert on the wire: the admin listing's items and the <c>data</c> of an <c>alert</c> event.</summary>
public sealed record AlertResponse(
    string Id,
    string Kind,
    string Severity,
    string Message,
    IReadOnlyDictionary<string, string> Details,
    string Source,
    string RaisedAt)
{
    public static AlertResponse From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertResponse(alert.Id, AlertNames.Kind(alert.Kind), AlertNames.Severity(alert.Severity), alert.Message, alert.Details,
            alert.Source, Wire.Time(alert.RaisedAt));
    }
}
