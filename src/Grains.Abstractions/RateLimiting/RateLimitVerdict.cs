namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// The decision on a <see cref="RateLimitRequest"/>: every policy's status (after the request when admitted, as it
/// stands when refused), the policy that refused it (the one whose retry is latest), and what it set off.
/// </summary>
/// <param name="RecheckAfter">
/// On a refusal made while permits leased to API hosts were still out: the refusal may be only because of them (a host
/// may not use all its lease, and a lease counts from its end), so the host asks again after this, when they are back.
/// </param>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitVerdict")]
public sealed record RateLimitVerdict(
    [property: Id(0)] bool Admitted,
    [property: Id(1)] string? RefusedBy,
    [property: Id(2)] IReadOnlyList<RateLimitStatus> Statuses,
    [property: Id(3)] RateLimitIncident? Incident = null,
    [property: Id(4)] TimeSpan? RecheckAfter = null)
{
    /// <summary><c>Retry-After</c> of a refusal: the latest of the refusing policies' (whole seconds, at least 1).</summary>
    public long RetryAfterSeconds => Admitted ? 0 : Math.Max(1, Statuses.Where(s => !s.Admitted).Select(s => s.RetryAfterSeconds).DefaultIfEmpty(1).Max());
}
