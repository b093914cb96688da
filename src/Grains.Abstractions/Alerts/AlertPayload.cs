using GridTokenX.Grains.Abstractions.Events;

namespace GridTokenX.Grains.Abstractions.Alerts;

/// <summary>The <c>data</c> of an <c>alert</c> event on <c>system:alerts</c>.</summary>
[GenerateSerializer, Immutable]
[Alias("gtx.alerts.AlertPayload")]
public sealed record AlertPayload([property: Id(0)] Alert Alert) : EventPayload;
