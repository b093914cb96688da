namespace GridTokenX.Redis.Locking;

/// <summary>The keys locks and fencing tokens use on every node.</summary>
public static class LockKeys
{
    /// <summary>
    /// Per node: <c>original</c> when its fence counters can be trusted for every resource (a new cluster, or a reborn
    /// node once repaired), <c>reborn:{id}</c> on a node found without data until its repair completes.
    /// </summary>
    public const string NodeSentinel = "gtx:fence-node";

    /// <summary>The sentinel of a node trusted for every resource.</summary>
    public const string Trusted = "original";

    /// <summary>The sentinel of a node found without its data, until repaired: <c>reborn:{id}</c>, one id per incarnation.</summary>
    public static string Reborn() => $"reborn:{Guid.NewGuid():N}";

    /// <summary>What a scan for every resource's fence counter matches.</summary>
    public const string FencePattern = "gtx:fence:*";

    /// <summary>What a scan for every held lock matches.</summary>
    public const string LockPattern = "gtx:lock:*";

    /// <summary>What a scan for every process's published lock statistics matches.</summary>
    public const string StatsPattern = "gtx:lock-stats:*";

    public static string Lock(string resource) => $"gtx:lock:{resource}";

    /// <summary>A process's lock statistics, published for the admin view (expires unless republished).</summary>
    public static string Stats(string holder) => $"gtx:lock-stats:{holder}";

    public static string Fence(string resource) => $"gtx:fence:{resource}";
}
