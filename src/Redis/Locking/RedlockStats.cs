namespace GridTokenX.Redis.Locking;

/// <summary>What a lock (<see cref="IDistributedLock"/>) has done since it was made (API.md's admin locks <c>stats</c>, less latency).</summary>
/// <param name="Contended">Attempts that found the lock held by someone else on some node.</param>
/// <param name="Refused">Acquisitions given up: the wait was spent without a lock.</param>
public sealed record RedlockStats(long Acquired, long Refused, long Contended, long Extended, long Lost, long ForceReleased);
