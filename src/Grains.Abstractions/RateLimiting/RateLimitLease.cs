namespace GridTokenX.Grains.Abstractions.RateLimiting;

/// <summary>
/// Permits of one request shape on one key, charged in advance to every policy of the shape and handed to an API host
/// to admit locally for at most <paramref name="Duration"/> (counted by the host from before it asked). The grain
/// counts them as admitted at the lease's end, so no window or bucket can be overdrawn however the host spends them;
/// the host gives back what it did not use (<see cref="IRateLimiterGrain.ReturnLease"/>).
/// </summary>
/// <param name="Statuses">Every policy as it stands with the lease taken: the host adds its unspent permits to <c>r</c>.</param>
[GenerateSerializer, Immutable]
[Alias("gtx.ratelimiting.RateLimitLease")]
public sealed record RateLimitLease(
    [property: Id(0)] long Id,
    [property: Id(1)] int Permits,
    [property: Id(2)] TimeSpan Duration,
    [property: Id(3)] IReadOnlyList<RateLimitStatus> Statuses);
