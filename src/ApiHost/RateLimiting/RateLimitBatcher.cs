using System.Collections.Concurrent;
using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// How this host asks a key's grain, cheaply and exactly. Group commit: while a call to the key's grain is in flight,
/// further requests of the same shape (the same policies and the same <c>auth</c> check) wait and then go together in one
/// call; the grain decides every one of them on its own and in order. Leases: a key that is hot (several requests
/// waiting, or its last lease spent) also asks for a lease of permits, charged by the grain in advance, and spends them
/// here without a call until they run out or the lease ends (100 ms); the unspent rest goes back. Counts stay exact
/// either way: a permit is charged before it is used. An idle key's request goes at once and alone.
/// </summary>
public sealed class RateLimitBatcher(IGrainFactory grains, TimeProvider time, TimeSpan? callTimeout = null)
{
    /// <summary>The most requests one call carries; more wait for the next.</summary>
    public const int MaxBatch = 256;

    /// <summary>How long one call may take before its requests are told the limiter is unreachable, unless configured.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(2);

    private readonly TimeSpan _callTimeout = callTimeout ?? DefaultCallTimeout;

    /// <summary>A lease ends here this much before its duration, so it never outlives the grain's count of it.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromMilliseconds(10);

    private const int FirstLease = 16;
    private const int MaxLease = 4096;

    /// <summary>How many times a refusal made while leases were out is asked again (each waits until they are back).</summary>
    private const int MaxRechecks = 2;

    private readonly ConcurrentDictionary<(string Key, RateLimitRequest Request), Lane> _lanes = new();
    private readonly ConcurrentDictionary<(string Key, RateLimitRequest Request), HostLease> _leases = new();
    private long _leasedAdmissions;
    private long _grainCalls;

    /// <summary>Requests this host admitted from leases, without a call (for tests and diagnostics).</summary>
    public long LeasedAdmissions => Interlocked.Read(ref _leasedAdmissions);

    /// <summary>Calls this host made to limiter grains.</summary>
    public long GrainCalls => Interlocked.Read(ref _grainCalls);

    public async ValueTask<RateLimitVerdict> AcquireAsync(string key, RateLimitRequest request)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(request);
        for (var recheck = 0; ; recheck++)
        {
            var verdict = await AcquireOnceAsync(key, request);
            if (verdict.RecheckAfter is not { } wait || recheck >= MaxRechecks) return verdict;
            await Task.Delay(wait, time);
        }
    }

    private ValueTask<RateLimitVerdict> AcquireOnceAsync(string key, RateLimitRequest request)
    {
        if (_leases.TryGetValue((key, request), out var lease) && lease.TryTake(time.GetTimestamp(), out var renew) is { } leased)
        {
            Interlocked.Increment(ref _leasedAdmissions);
            if (renew) _ = RenewAsync(key, request, lease);
            return new ValueTask<RateLimitVerdict>(leased);
        }

        var waiter = new TaskCompletionSource<RateLimitVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
        while (true)
        {
            var lane = _lanes.GetOrAdd((key, request), static _ => new Lane());
            lock (lane)
            {
                if (lane.Retired) continue;
                if (lane.InFlight)
                {
                    lane.Waiting.Add(waiter);
                    return new ValueTask<RateLimitVerdict>(waiter.Task);
                }

                lane.InFlight = true;
            }

            _ = RunAsync(key, request, lane, [waiter]);
            return new ValueTask<RateLimitVerdict>(waiter.Task);
        }
    }

    private async Task RunAsync(string key, RateLimitRequest request, Lane lane, List<TaskCompletionSource<RateLimitVerdict>> batch)
    {
        var grain = grains.GetRateLimiter(key);
        var leasable = Leasable(request);
        while (true)
        {
            try
            {
                var want = leasable ? LeaseWanted(key, request, batch.Count) : 0;
                var askedAt = time.GetTimestamp();
                Interlocked.Increment(ref _grainCalls);
                // The deadline is per call, not per request: one timer for the whole batch.
                if (want == 0 && batch.Count == 1)
                {
                    batch[0].TrySetResult(await grain.Acquire(request).AsTask().WaitAsync(_callTimeout));
                }
                else
                {
                    var grant = await grain.AcquireLeasing(request, batch.Count, want).AsTask().WaitAsync(_callTimeout);
                    if (grant.Lease is { } granted) Install(key, request, grain, granted, askedAt);
                    for (var i = 0; i < batch.Count; i++) batch[i].TrySetResult(grant.Verdicts[i]);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                foreach (var waiter in batch) waiter.TrySetException(ex);
            }

            lock (lane)
            {
                // Those that came in meanwhile are served from a lease first, if one has just arrived.
                if (lane.Waiting.Count > 0 && _leases.TryGetValue((key, request), out var lease)) ServeFromLease(lane.Waiting, lease);
                if (lane.Waiting.Count == 0)
                {
                    lane.Retired = true;
                    _lanes.TryRemove(new KeyValuePair<(string, RateLimitRequest), Lane>((key, request), lane));
                    return;
                }

                var take = Math.Min(MaxBatch, lane.Waiting.Count);
                batch = lane.Waiting.GetRange(0, take);
                lane.Waiting.RemoveRange(0, take);
            }
        }
    }

    private void ServeFromLease(List<TaskCompletionSource<RateLimitVerdict>> waiting, HostLease lease)
    {
        var now = time.GetTimestamp();
        var served = 0;
        while (served < waiting.Count && lease.TryTake(now, out _) is { } verdict)
        {
            waiting[served++].TrySetResult(verdict);
        }

        Interlocked.Add(ref _leasedAdmissions, served);
        waiting.RemoveRange(0, served);
    }

    /// <summary>
    /// 0 for a key that is not hot: one request at a time is decided by the grain alone, exactly as without leases.
    /// A hot key asks for about twice what is waiting; a key whose last lease was spent asks for twice that lease.
    /// </summary>
    private int LeaseWanted(string key, RateLimitRequest request, int waiting)
    {
        var want = waiting >= 2 ? Math.Max(FirstLease, 2 * waiting) : 0;
        if (_leases.TryGetValue((key, request), out var last) && last.Spent) want = Math.Max(want, 2 * last.Lease.Permits);
        return Math.Min(want, MaxLease);
    }

    /// <summary>
    /// Asks for the next lease while the current one still serves: twice its size when it is being spent before its
    /// end, about twice what was used when time ran out first. Nothing to answer: without it the next requests go the
    /// ordinary way.
    /// </summary>
    private async Task RenewAsync(string key, RateLimitRequest request, HostLease current)
    {
        var used = current.Used;
        var want = Math.Clamp(used >= current.Lease.Permits * 3 / 4 ? 2 * current.Lease.Permits : 2 * used, FirstLease, MaxLease);
        var grain = grains.GetRateLimiter(key);
        try
        {
            var askedAt = time.GetTimestamp();
            Interlocked.Increment(ref _grainCalls);
            var grant = await grain.AcquireLeasing(request, 0, want).AsTask().WaitAsync(_callTimeout);
            if (grant.Lease is { } granted) Install(key, request, grain, granted, askedAt);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The requests after this lease go the ordinary way and find out.
        }
    }

    private void Install(string key, RateLimitRequest request, IRateLimiterGrain grain, RateLimitLease granted, long askedAt)
    {
        var lease = new HostLease(granted, askedAt, askedAt + (long)((granted.Duration - LeaseMargin).TotalSeconds * time.TimestampFrequency));
        _leases[(key, request)] = lease;
        _ = EndAsync(key, request, grain, lease);
    }

    private async Task EndAsync(string key, RateLimitRequest request, IRateLimiterGrain grain, HostLease lease)
    {
        var remaining = time.GetElapsedTime(time.GetTimestamp(), lease.Deadline);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, time);
        var unspent = lease.End();
        _leases.TryRemove(new KeyValuePair<(string, RateLimitRequest), HostLease>((key, request), lease));
        if (unspent == 0) return;
        try
        {
            await grain.ReturnLease(lease.Lease.Id, unspent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not given back, the permits count as spent until the grain gives the lease up: stricter, never looser.
        }
    }

    private static bool Leasable(RateLimitRequest request)
    {
        if (request.AuthCheck is not null) return false;
        foreach (var policy in request.Policies)
        {
            if (policy.Strategy is not (RateLimitStrategy.SlidingWindow or RateLimitStrategy.TokenBucket)) return false;
        }

        return true;
    }

    private sealed class Lane
    {
        public bool InFlight { get; set; }

        public bool Retired { get; set; }

        public List<TaskCompletionSource<RateLimitVerdict>> Waiting { get; } = [];
    }
}
