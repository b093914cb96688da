using GridTokenX.Grains.Abstractions.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace GridTokenX.Grains.RateLimiting;

/// <summary>
/// One key's limits (<see cref="KeyLimits"/>). Thin: single activation makes the counts exact across API hosts, and
/// what must survive (overrides, failed authentications, backoff blocks) is written before the answer that depends on
/// it, so a silo killed after a 429 still has the block.
/// </summary>
// Fixed so that renaming the class never moves its grains or their stored state.
[GrainType("ratelimiter")]
public sealed class RateLimiterGrain([PersistentState("limits")] IPersistentState<RateLimiterState> stored) : Grain, IRateLimiterGrain
{
    /// <summary>
    /// A <see cref="TimeProvider"/> registered under this key is the limiters' clock (tests drive it); otherwise the
    /// silo's. Kept apart so a test can move the limiters' time without moving Orleans' own timers.
    /// </summary>
    public const string ClockKey = "gtx.ratelimiting.clock";

    private KeyLimits _limits = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var time = ServiceProvider.GetKeyedService<TimeProvider>(ClockKey) ?? ServiceProvider.GetRequiredService<TimeProvider>();
        _limits = KeyLimits.Restore(stored.State, time);
        return Task.CompletedTask;
    }

    public async ValueTask<RateLimitVerdict> Acquire(RateLimitRequest request) => (await AcquireMany(request, 1))[0];

    public async ValueTask<RateLimitVerdict[]> AcquireMany(RateLimitRequest request, int count)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var verdicts = new RateLimitVerdict[count];
        RateLimitStatus? auth = null;
        if (request.AuthCheck is { } check)
        {
            // The client IP's grain, never this one: user ids hold no '.' or ':', so no key is both (no call cycle).
            // Read-only, so one check serves the whole batch: it answers for the same instant as separate checks would.
            auth = await GrainFactory.GetRateLimiter(check.Key).Check(check.Policy);
            if (!auth.Admitted)
            {
                Array.Fill(verdicts, new RateLimitVerdict(false, auth.Policy, [auth]));
                return verdicts;
            }
        }

        var durable = false;
        for (var i = 0; i < count; i++)
        {
            var (verdict, changed) = _limits.Decide(request.Policies);
            durable |= changed;
            verdicts[i] = auth is null ? verdict : verdict with { Statuses = [auth, .. verdict.Statuses] };
        }

        // Once for the batch, and before any of its answers: what they report is stored.
        if (durable) await WriteAsync();
        return verdicts;
    }

    public async ValueTask<RateLimitGrant> AcquireLeasing(RateLimitRequest request, int count, int lease)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var verdicts = count == 0 ? [] : await AcquireMany(request, count);
        // Never past an auth check (it would go unchecked for the lease's life) nor once this batch ran into a limit.
        var granted = lease > 0 && request.AuthCheck is null && (count == 0 || verdicts[^1].Admitted)
            ? _limits.Lease(request.Policies, Math.Min(lease, KeyLimits.MaxLease))
            : null;
        return new RateLimitGrant(verdicts, granted);
    }

    public Task ReturnLease(long id, int unused)
    {
        _limits.ReturnLease(id, unused);
        return Task.CompletedTask;
    }

    public ValueTask<RateLimitStatus> Check(RateLimitPolicy policy) => ValueTask.FromResult(_limits.Check(policy));

    public Task<RateLimitView> Inspect(RateLimitPolicy policy) => Task.FromResult(_limits.Inspect(policy));

    public async Task Reset(string policy)
    {
        if (_limits.Reset(policy)) await WriteAsync();
    }

    public async Task SetOverride(string policy, RateLimitOverride? value)
    {
        _limits.SetOverride(policy, value);
        await WriteAsync();
    }

    private async Task WriteAsync()
    {
        stored.State = _limits.Durable();
        try
        {
            await stored.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            // Another activation wrote meanwhile (a membership change): this one's view is stale, so it goes and the
            // next call reads what was stored.
            DeactivateOnIdle();
            throw;
        }
    }
}
