namespace GridTokenX.Redis.Locking;

/// <summary>How <see cref="Redlock"/> acquires, keeps and gives up locks.</summary>
public sealed record RedlockOptions
{
    /// <summary>How long a lock lives on a node unless extended; a holder that dies frees it after this.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Part of the TTL assumed lost to clock drift between this process and the nodes (Redlock's 1 %).</summary>
    public double ClockDriftFactor { get; init; } = 0.01;

    /// <summary>How long one node may take to answer before it counts as down for that round.</summary>
    public TimeSpan NodeTimeout { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Base pause between attempts; each pause is drawn from [½, 1½] of it so contenders spread out.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Whether a held lock extends itself (every third of its TTL) until disposed.</summary>
    public bool AutoExtend { get; init; } = true;

    /// <summary>Who this process is as a holder, stored in every lock value it sets (an operator's name for it, never a secret).</summary>
    public string Holder { get; init; } = LockHolder.Describe("process");

    /// <summary>How often this process publishes its statistics to the nodes for the admin view (they live 3 periods).</summary>
    public TimeSpan StatsPublishPeriod { get; init; } = TimeSpan.FromSeconds(5);
}
