using GridTokenX.Grains.Abstractions.RateLimiting;

namespace GridTokenX.ApiHost.RateLimiting;

/// <summary>
/// A lease this host holds: permits already charged by the key's grain, spent here one per request until they run out
/// or the deadline passes, whichever is first. Lock-free: one decrement per request.
/// </summary>
/// <param name="Deadline">A <see cref="TimeProvider.GetTimestamp"/> value: the lease's duration counted from before it was asked for, less a margin, so it ends here before it ends at the grain.</param>
internal sealed class HostLease(RateLimitLease lease, long start, long deadline)
{
    private int _left = lease.Permits;
    private int _renewing;

    /// <summary>Past this point (three quarters of its life, or of its permits) the next lease is asked for, so requests never wait for it.</summary>
    private readonly long _renewAt = start + (deadline - start) * 3 / 4;

    public RateLimitLease Lease => lease;

    public long Deadline => deadline;

    /// <summary>Whether every permit was spent (then the key is hot enough for a bigger lease).</summary>
    public bool Spent => Volatile.Read(ref _left) <= 0;

    /// <summary>
    /// Spends one permit; null when none is left or the lease has ended. <paramref name="renew"/> is true for exactly one
    /// caller once the lease is nearly spent or nearly over: that caller asks for the next one.
    /// </summary>
    public RateLimitVerdict? TryTake(long now, out bool renew)
    {
        renew = false;
        if (now >= deadline) return null;
        var left = Interlocked.Decrement(ref _left);
        if (left < 0) return null;
        if ((left < lease.Permits / 4 || now >= _renewAt) && Volatile.Read(ref _renewing) == 0) renew = Interlocked.Exchange(ref _renewing, 1) == 0;
        var statuses = new RateLimitStatus[lease.Statuses.Count];
        for (var i = 0; i < statuses.Length; i++)
        {
            var status = lease.Statuses[i];
            // What the key had left with the lease taken, plus what of the lease is still unspent here.
            statuses[i] = status with { Admitted = true, Remaining = status.Remaining + left, RetryAfterSeconds = 0 };
        }

        return new RateLimitVerdict(true, null, statuses);
    }

    /// <summary>Permits spent so far (all of them once ended).</summary>
    public int Used => lease.Permits - Math.Max(0, Volatile.Read(ref _left));

    /// <summary>Ends the lease: answers the unspent permits (to give back), and nothing can be spent after.</summary>
    public int End() => Math.Max(0, Interlocked.Exchange(ref _left, int.MinValue / 2));
}
