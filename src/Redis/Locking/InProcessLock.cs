using System.Collections.Concurrent;

namespace GridTokenX.Redis.Locking;

/// <summary>
/// Standalone mode's lock: the same contract as <see cref="Redlock"/> within one process. One holder per resource,
/// tokens that only grow per resource, the same wait budget and cancellation, and the same statistics. Nothing here can
/// expire or lose a quorum, so <see cref="IDistributedLockHandle.Lost"/> fires only on <see cref="ForceReleaseAsync"/>.
/// </summary>
/// <param name="holder">How this process appears as the holder in the admin view.</param>
public sealed class InProcessLock(RedlockMetrics? metrics = null, TimeProvider? time = null, string? holder = null) : IDistributedLock
{
    // A resource's slot is never removed: it keeps the resource's last token (as the Redis nodes keep gtx:fence:*
    // forever), and removing it would race with waiters. Standalone mode's resources are few (its demo users).
    private readonly ConcurrentDictionary<string, InProcessLockSlot> _slots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly string _holder = holder ?? LockHolder.Describe("standalone");

    public RedlockMetrics Metrics { get; } = metrics ?? new RedlockMetrics();

    public RedlockStats Stats => Metrics.Stats;

    public async Task<IDistributedLockHandle?> AcquireAsync(string resource, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        var started = _time.GetTimestamp();
        var slot = _slots.GetOrAdd(resource, _ => new InProcessLockSlot());
        if (slot.IsTaken) Metrics.Contended();
        // A negative wait (Timeout.InfiniteTimeSpan included) makes one attempt, as it does for Redlock.
        if (!await slot.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken))
        {
            Metrics.Refused();
            return null;
        }

        var handle = slot.Enter(resource, _holder, _time.GetUtcNow());
        Metrics.Acquired(_time.GetElapsedTime(started));
        return handle;
    }

    public Task<int> ForceReleaseAsync(string resource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resource);
        Metrics.ForceReleased();
        if (!_slots.TryGetValue(resource, out var slot) || slot.ForceRelease() is not { } holder) return Task.FromResult(0);
        Metrics.Lost();
        holder.Lose();
        return Task.FromResult(1);
    }

    /// <summary>The locks held in this process (they never expire: no <c>expires_at</c>), its statistics, and no nodes.</summary>
    public Task<LockOverview> InspectAsync(CancellationToken cancellationToken)
    {
        var held = _slots.Select(s => s.Value.Holder).OfType<InProcessLockHandle>()
            .Select(h => new HeldLock(h.Resource, h.FencingToken, h.Holder, h.AcquiredAt, null))
            .OrderBy(h => h.Resource, StringComparer.Ordinal).ToList();
        return Task.FromResult(new LockOverview(held, Metrics.Statistics, []));
    }
}
