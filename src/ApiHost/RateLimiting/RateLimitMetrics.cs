using System.Diagnostics.Metrics;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// The <c>GridTokenX.RateLimiting</c> meter: this host's decisions per policy and every fail-open or fail-closed decision
/// made because the limiter could not be reached.
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "GridTokenX.RateLimiting";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _unreachable;

    public RateLimitMetrics(IMeterFactory meters, RateLimitBatcher batcher)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(batcher);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("gtx.ratelimit.leased_admissions", () => batcher.LeasedAdmissions,
            description: "Requests this host admitted from leased permits, without a call to the limiter grain");
        meter.CreateObservableCounter("gtx.ratelimit.grain_calls", () => batcher.GrainCalls,
            description: "Calls this host made to limiter grains (a batch of requests, a lease, or both per call)");
        _decisions = meter.CreateCounter<long>("gtx.ratelimit.decisions", description: "Requests allowed or refused, per policy that applied");
        _unreachable = meter.CreateCounter<long>("gtx.ratelimit.unreachable",
            description: "Requests decided without the limiter (it could not be reached): fail_open admitted, fail_closed refused with 503");
    }

    public void Allowed(string policy) => _decisions.Add(1, new KeyValuePair<string, object?>("policy", policy), new("outcome", "allowed"));

    public void Refused(string policy) => _decisions.Add(1, new KeyValuePair<string, object?>("policy", policy), new("outcome", "refused"));

    public void Unreachable(bool failedClosed) => _unreachable.Add(1, new KeyValuePair<string, object?>("outcome", failedClosed ? "fail_closed" : "fail_open"));
}
