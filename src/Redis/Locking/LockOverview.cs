namespace GridTokenX.Redis.Locking;

/// <summary>What the admin locks route shows: the locks held cluster-wide, the statistics of every process, the nodes.</summary>
public sealed record LockOverview(IReadOnlyList<HeldLock> Held, LockStatistics Statistics, IReadOnlyList<LockNodeState> Nodes);
