namespace GridTokenX.Redis.Locking;

/// <summary>The keys locks and fencing tokens use on every node.</summary>
public static class LockKeys
{
    /// <summary>Set once per node: <c>original</c> on a cluster's first use, <c>reborn</c> on a node found without data.</summary>
    public const string NodeSentinel = "gtx:fence:node";

    public static string Lock(string resource) => $"gtx:lock:{resource}";

    public static string Fence(string resource) => $"gtx:fence:{resource}";
}
