namespace GridTokenX.Redis.Locking;

/// <summary>
/// A lock over named resources whose every acquisition carries a fencing token larger than all earlier ones of that
/// resource. <see cref="Redlock"/> over Redis nodes, or <see cref="InProcessLock"/> in standalone mode: callers (settlement,
/// minting, the admin routes) depend on this so they run unchanged in both modes. See docs/locks.md.
/// </summary>
public interface IDistributedLock
{
    /// <summary>What this lock has done since it was made (the admin locks <c>stats</c>).</summary>
    RedlockStats Stats { get; }

    /// <summary>
    /// Takes the lock on <paramref name="resource"/>, waiting for up to <paramref name="wait"/>. Null when it could not in
    /// that time; throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires first.
    /// </summary>
    Task<IDistributedLockHandle?> AcquireAsync(string resource, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// Frees <paramref name="resource"/> whoever holds it (an operator's last resort): its holder's
    /// <see cref="IDistributedLockHandle.Lost"/> fires, and the next acquisition gets a larger token.
    /// </summary>
    /// <returns>How many places it was deleted from: Redis nodes for <see cref="Redlock"/>; 1 or 0 (not held) in process.</returns>
    Task<int> ForceReleaseAsync(string resource);

    /// <summary>
    /// The locks held now across every process using the same nodes, the statistics of every such process (each
    /// published every few seconds; this process's own are live), and whether each node answers (docs/locks.md).
    /// </summary>
    Task<LockOverview> InspectAsync(CancellationToken cancellationToken);
}
