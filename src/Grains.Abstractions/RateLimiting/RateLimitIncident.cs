namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// Something a decision did that operators hear of as a <c>security_event</c>: a backoff violation that blocked the key
/// (<paramref name="Violations"/> on its ladder, for <paramref name="BlockSeconds"/>), or the <c>auth</c> policy spent.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitIncident")]
public sealed record RateLimitIncident(
    [property: Id(0)] string Policy,
    [property: Id(1)] RateLimitIncidentKind Kind,
    [property: Id(2)] int Violations,
    [property: Id(3)] long BlockSeconds);
