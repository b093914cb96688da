using GridTokenX.ApiHost.Http;
using GridTokenX.Redis.Locking;

namespace GridTokenX.ApiHost.Locking;

/// <summary><c>GET /api/v1/admin/locks</c> on the wire (API.md "Admin").</summary>
public sealed record LocksResponse(IReadOnlyList<HeldLockResponse> Held, LockStatsResponse Stats, IReadOnlyList<LockNodeResponse> Nodes)
{
    public static LocksResponse From(LockOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var counts = overview.Statistics.Counts;
        var latency = overview.Statistics.AcquireLatency;
        return new LocksResponse(
            [.. overview.Held.Select(h => new HeldLockResponse(h.Resource, h.FencingToken, h.Holder, Wire.Time(h.AcquiredAt),
                h.ExpiresAt is { } expires ? Wire.Time(expires) : null))],
            new LockStatsResponse(counts.Acquired, counts.Refused, counts.Contended, counts.Extended, counts.Lost, counts.ForceReleased,
                new AcquireLatencyResponse(latency.PercentileMs(0.50), latency.PercentileMs(0.99))),
            [.. overview.Nodes.Select(n => new LockNodeResponse(n.Endpoint, n.Up))]);
    }
}

/// <param name="ExpiresAt">Null only in standalone mode, whose in-process locks do not expire.</param>
public sealed record HeldLockResponse(string Resource, long FencingToken, string Holder, string AcquiredAt, string? ExpiresAt);

public sealed record LockStatsResponse(long Acquired, long Refused, long Contended, long Extended, long Lost, long ForceReleased,
    AcquireLatencyResponse AcquireMs);

/// <summary>Milliseconds (to the microsecond), null before any acquisition.</summary>
public sealed record AcquireLatencyResponse(double? P50, double? P99);

public sealed record LockNodeResponse(string Endpoint, bool Up);

/// <summary>What <c>DELETE /api/v1/admin/locks/{resource}</c> answers: on how many nodes the lock was deleted.</summary>
public sealed record ForceReleaseResponse(string Resource, int ReleasedOnNodes);
