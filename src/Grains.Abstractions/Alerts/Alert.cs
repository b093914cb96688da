namespace GridTokenX.Grains.Abstractions.Alerts;

/// <summary>
/// One system alert. <paramref name="Id"/> is made by the raising host and stays the same across retries, so the
/// alert center records and publishes it once however often it is delivered.
/// </summary>
/// <param name="Details">Plain facts for operators (numbers, ids, channel names); never a token or secret.</param>
/// <param name="Source">The host that raised it, e.g. <c>silo/host-1/4242</c>.</param>
/// <param name="RaisedAt">When the condition was seen, not when the alert center received it.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.alerts.Alert")]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] AlertKind Kind,
    [property: Id(2)] AlertSeverity Severity,
    [property: Id(3)] string Message,
    [property: Id(4)] IReadOnlyDictionary<string, string> Details,
    [property: Id(5)] string Source,
    [property: Id(6)] DateTimeOffset RaisedAt);
